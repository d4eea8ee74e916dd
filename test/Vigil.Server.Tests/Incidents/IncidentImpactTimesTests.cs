using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Alerts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>When a linked customer alert resolves, the incident knows when impact ended — still after the alert has left memory.</summary>
public sealed class IncidentImpactTimesTests
{
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ResolvedCustomerAlert_EndsImpactAndMitigates_AndTheEndOutlivesTheAlertsGarbageCollection(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, clock);
        var alert = """{"labels":{"alertname":"SiteDown","impact":"customer"},"startsAt":"2020-05-11T07:26:00Z"}""";
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{alert}]")).StatusCode);
        var fingerprint = await Eventually.GetAsync(async () => (await vigil.GetAlertsAsync()).FirstOrDefault()?["fingerprint"]?.ToString(), f => f is not null);
        var id = await IncidentClient.OpenAsync(vigil, $$"""{"title":"Site down","severity":"SEV1","alerts":["{{fingerprint}}"]}""");

        clock.Advance(TimeSpan.FromHours(6));
        const string resolved = """{"labels":{"alertname":"SiteDown","impact":"customer"},"startsAt":"2020-05-11T07:26:00Z","endsAt":"2020-05-11T13:26:00Z"}""";
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync($"[{resolved}]")).StatusCode);
        var times = (await Eventually.GetAsync(() => IncidentClient.ShowAsync(vigil, id), i => i["times"]!["impactEndedAt"] is not null))["times"]!;
        Assert.Equal(Night.AddHours(6), times["impactEndedAt"]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Night.AddHours(6), times["mitigatedAt"]!["at"]!.GetValue<DateTimeOffset>());

        var state = vigil.Services.GetRequiredService<AlertState>();
        for (var i = 0; i < 200 && state.Count > 0; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(20);
        }
        Assert.Equal(0, state.Count);
        var after = await IncidentClient.ShowAsync(vigil, id);
        Assert.Equal(Night.AddHours(6), after["times"]!["impactEndedAt"]!["at"]!.GetValue<DateTimeOffset>());
        Assert.Contains(after["timeline"]!.AsArray(), e => e!["source"]!.ToString() == "alert" && e["kind"]!.ToString() == "resolved");
    }
}
