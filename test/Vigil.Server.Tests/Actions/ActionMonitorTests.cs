using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>
/// The monitor that expires requests and completes reboots sleeps until its next deadline (up to 30 s), and is woken
/// only by a change that needs it sooner: a request due before then, or a reboot whose new boot was already reported.
/// </summary>
public sealed class ActionMonitorTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ARequestNoAgentTakesUp_ExpiresAtItsExpiry_ThoughTheMonitorHadGoneToSleepForLonger(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        await ActionClient.ReportOnceAsync(vigil, "db-1");
        // Made after the monitor's first sweep, which found nothing due and went to sleep for its longest.
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var made = await ActionClient.RequestAsync(vigil, "db-1", "flush-cache", "cache is stale", expiresIn: "2s");
        var expiresAt = DateTimeOffset.Parse(made["expiresAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);

        var detail = await WithinAsync(vigil, "db-1", made["id"]!.ToString(), TimeSpan.FromSeconds(15));

        Assert.Equal("expired", ActionClient.State(detail));
        var finished = DateTimeOffset.Parse(detail["action"]!["finishedAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        // Times are stored to the millisecond.
        Assert.InRange(finished - expiresAt, TimeSpan.FromMilliseconds(-1), TimeSpan.FromSeconds(5));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AReboot_WhoseNewBootWasReportedBeforeTheAgentSaidRunning_SucceedsWithThatBoot_WithoutWaitingForAnotherReport(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var token = await ActionClient.ReportOnceAsync(vigil, "db-1");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        var id = (await ActionClient.RequestAsync(vigil, "db-1", "reboot", "kernel update"))["id"]!.ToString();
        Assert.Single(await ActionClient.PollAsAgentAsync(vigil, token));
        // The host is back with a new boot before the agent's "running" (a report held up, then sent again).
        Assert.True((await ReportClient.PostAsync(vigil.Http, token, ReportClient.Report("db-1", "boot-b"))).IsSuccessStatusCode);

        using var asAgent = vigil.CreateClient(null);
        using var running = new HttpRequestMessage(HttpMethod.Post, $"api/v1/agents/actions/{id}")
        {
            Content = new StringContent("""{"state":"running"}""", Encoding.UTF8, "application/json"),
        };
        running.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.True((await asAgent.SendAsync(running, TestContext.Current.CancellationToken)).IsSuccessStatusCode);

        // No further host report comes: only the monitor can see the boot is new.
        var detail = await WithinAsync(vigil, "db-1", id, TimeSpan.FromSeconds(15));
        Assert.Equal("succeeded", ActionClient.State(detail));
        Assert.Equal("boot-b", detail["action"]!["newBootId"]!.ToString());
    }

    /// <summary>The request once finished, failing when that takes longer than <paramref name="limit"/> (half the monitor's longest sleep).</summary>
    private static async Task<JsonNode> WithinAsync(VigilInstance vigil, string host, string id, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var detail = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/hosts/{host}/actions/{id}", TestContext.Current.CancellationToken))!;
            if (ActionClient.Finished(detail))
            {
                return detail;
            }
            Assert.True(clock.Elapsed < limit, $"request {id} still {ActionClient.State(detail)} after {limit.TotalSeconds} s");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
