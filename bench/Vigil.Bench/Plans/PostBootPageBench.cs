using System.Globalization;

namespace Vigil.Bench.Plans;

/// <summary>
/// Target 2 of issue 9: the primary's reboot loses <c>/data</c> (the real agent's crafted mount table); the plan halts
/// at <c>verify: post_boot</c> and pages the watcher. Measured per trial: from the agent's first report of the new boot
/// (the server's record: the host's pending reboot verification, <c>firstReportAfter</c>) to the page's arrival at the
/// loopback webhook of alice's contact method, split at the run's halt time. Traffic failures are counted too.
/// </summary>
internal static class PostBootPageBench
{
    public static async Task<List<string>> RunAsync(string vigil, int rate, int trials, TextWriter console)
    {
        var total = new List<double>();
        var toHalt = new List<double>();
        var failed = 0;
        var sent = 0;
        for (var t = 1; t <= trials; t++)
        {
            await using var rig = await RebootRig.StartAsync(vigil, members: 2, minHealthy: 1, TimeSpan.FromSeconds(1), loseData: "lb-1").ConfigureAwait(false);
            var pages = rig.Phone.PagesFor("alice");
            ConstantClient client;
            await using (client = new ConstantClient(rig.Haproxy.FrontendUrl, rate))
            {
                var id = (await rig.Server.PostPlanAsync(RebootRig.RollingRebootYaml("bench-lose-data")).ConfigureAwait(false))["id"]!.ToString();
                var run = await rig.Server.WaitForRunAsync(id, TimeSpan.FromMinutes(3), "halted", "succeeded", "paused", "aborted").ConfigureAwait(false);
                if (run["halt"]?["stepName"]?.ToString() != "verify: post_boot")
                {
                    throw new InvalidOperationException($"run {id} did not halt at post_boot: {run.ToJsonString()}");
                }
                var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
                while (pages.IsEmpty && TimeProvider.System.GetUtcNow() < deadline)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System).ConfigureAwait(false);
                }
                if (pages.IsEmpty)
                {
                    throw new TimeoutException($"no page reached alice's webhook within 30 s of the halt of {id}");
                }
                var host = await rig.Server.GetAsync("api/v1/hosts/lb-1").ConfigureAwait(false);
                var reboot = host["pendingVerification"] ?? host["reboots"]!.AsArray()[0]!;
                var report = At(reboot["firstReportAfter"]!);
                var halt = At(run["halt"]!["at"]!);
                var arrived = pages.Values.Min();
                total.Add((arrived - report).TotalMilliseconds);
                toHalt.Add((halt - report).TotalMilliseconds);
                var status = await rig.Haproxy.StatusesAsync().ConfigureAwait(false);
                console.WriteLine($"trial {t}: first post-boot report {report:HH:mm:ss.fff}, halt {halt:HH:mm:ss.fff} (+{(halt - report).TotalMilliseconds:F0} ms), " +
                    $"page at alice's webhook {arrived:HH:mm:ss.fff} (+{(arrived - report).TotalMilliseconds:F0} ms); s1 {status["s1"]}, s2 {status["s2"]}");
                await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System).ConfigureAwait(false);
            }
            failed += client.Failures.Count;
            sent += client.Sent;
            console.WriteLine($"trial {t}: {client.Failures.Count} of {client.Sent} client requests failed{string.Concat(client.Failures.Take(5).Select(f => "\n  " + f))}");
        }
        var all = total.Order().ToArray();
        var halts = toHalt.Order().ToArray();
        return
        [
            $"post-boot failure → page ({trials} trial(s)): report → page delivered median {Percentiles.At(all, 50):F0} ms, max {all[^1]:F0} ms (target ≤ 1000 ms); " +
                $"report → halt recorded median {Percentiles.At(halts, 50):F0} ms, max {halts[^1]:F0} ms; {failed} of {sent} client requests failed",
        ];
    }

    private static DateTimeOffset At(System.Text.Json.Nodes.JsonNode node) => DateTimeOffset.Parse(node.ToString(), CultureInfo.InvariantCulture);
}
