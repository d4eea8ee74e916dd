using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary><c>incidents.update_every</c> on both engines, on a fake clock: a missed update is a timeline entry and a reminder to the commander.</summary>
public sealed class UpdateReminderApiTests
{
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Sev1WithoutAnUpdateFor30Minutes_RemindsTheCommander_AndANoteStartsTheCadenceAgain(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var hook = await WebhookCollector.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, Config(hook.Url), clock);
        var id = await IncidentClient.OpenAsync(vigil); // SEV1, commander alice
        await Eventually.GetAsync(() => Task.FromResult(hook.Messages.Count), c => c >= 1); // the opening page

        clock.Advance(TimeSpan.FromMinutes(30));
        var reminder = await Eventually.GetAsync(() => Task.FromResult(Reminders(hook).FirstOrDefault()), r => r is not null);
        Assert.NotNull(reminder);
        Assert.Equal(("/webhook/alice", id), (reminder.Path, reminder.Body["incident"]!["id"]!.GetValue<long>()));
        var missed = await MissedAsync(vigil, id);
        Assert.Equal(("no update for 30m (SEV1 cadence); commander alice reminded", Night.AddMinutes(30)),
            (Assert.Single(missed)!["text"]!.ToString(), Assert.Single(missed)!["at"]!.GetValue<DateTimeOffset>()));

        clock.Advance(TimeSpan.FromMinutes(10));
        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/notes", """{"text":"mount failing, vendor called"}""", HttpStatusCode.Created);
        clock.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(200);
        Assert.Single(await MissedAsync(vigil, id));

        clock.Advance(TimeSpan.FromMinutes(1)); // 30 minutes after the note
        missed = await Eventually.GetAsync(() => MissedAsync(vigil, id), m => m.Count == 2);
        Assert.Equal(Night.AddMinutes(70), missed[1]!["at"]!.GetValue<DateTimeOffset>());
        await Eventually.GetAsync(() => Task.FromResult(Reminders(hook).Count), c => c == 2);
    }

    private static IReadOnlyList<WebhookCollector.Received> Reminders(WebhookCollector hook) =>
        [.. hook.Messages.Where(m => m.Body["event"]?.ToString() == "incident_update_due")];

    private static async Task<JsonArray> MissedAsync(VigilInstance vigil, long id) =>
        new([.. (await IncidentClient.ShowAsync(vigil, id))["timeline"]!.AsArray().Where(e => e!["kind"]!.ToString() == "missed_update").Select(e => e!.DeepClone())]);

    private static string Config(string hookUrl) => $$"""
        route:
          receiver: none
        receivers:
          - name: none
        people:
          - name: alice
            contact_methods: [{type: webhook, url: "{{hookUrl}}webhook/alice"}]
        incidents:
          update_every: {SEV1: 30m, SEV2: 1h}
        """;
}
