using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Escalation.EscalationClient;

namespace Vigil.Server.Tests.Escalation;

/// <summary>A page whose step cannot run (a damaged row) is shown with its error and put off; the other pages escalate.</summary>
public sealed class EscalationPoisonTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task APageWhoseStepFails_IsShownWithItsError_AndOtherPagesStillEscalate(string engine)
    {
        var clock = new FakeTimeProvider(Start);
        await using var hook = await WebhookCollector.StartAsync();
        await using var smtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync(engine, ConfigYaml(hook.Url, smtp.Port), clock);
        // Level -5 of an acknowledged page whose re-acknowledgement timeout is due: no such level to page again.
        await vigil.Services.GetRequiredService<Database>().WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "INSERT INTO pages (page_key, open_key, group_key, receiver, policy, team, title, details, state, level, round, step, " +
                "rotation, next_step_at, created_at) VALUES ('damaged', 'damaged', '{}', 'oncall', 'ops', '', 'damaged', '', 'acknowledged', -5, 0, 3, 0, @due, @due)");
            cmd.AddParameter("@due", Start.ToUnixTimeMilliseconds());
            await cmd.ExecuteNonQueryAsync();
        });

        await vigil.PostAlertsAsync(Alert("DiskFull", Start, Start.AddDays(1)));
        await NudgeUntilAsync(clock, () => Count(hook, "/slack/alice") == 1);
        clock.Advance(TimeSpan.FromMinutes(5));
        await NudgeUntilAsync(clock, () => Count(hook, "/webhook/bob") == 1);

        var pages = (await PagesAsync(vigil)).ToDictionary(p => p!["title"]!.ToString(), p => p!);
        var damaged = pages["damaged"];
        Assert.Equal(3, (long)damaged["step"]!);
        Assert.NotNull(damaged["error"]);
        Assert.True(DateTimeOffset.Parse(damaged["nextStepAt"]!.ToString(), CultureInfo.InvariantCulture) > Start, "the failed step is put off");
        var shown = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/pages/{damaged["id"]}"))!;
        Assert.Equal(damaged["error"]!.ToString(), shown["error"]!.ToString());
        var good = Assert.Single(pages.Values, p => p["title"]!.ToString() != "damaged");
        Assert.Equal((2, (string?)null), ((int)good["level"]!, good["error"]?.ToString()));
    }
}
