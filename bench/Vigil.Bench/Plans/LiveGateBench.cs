using System.Text.Json.Nodes;

namespace Vigil.Bench.Plans;

/// <summary>
/// Target 3 of issue 9: a gate reads live pool state. Three members (min_healthy 2). Per trial, s2's check is made to
/// fail; once HAProxy itself shows s2 DOWN (its own socket, polled every 10 ms) the bench waits 2 s and then asks three
/// ways at once: <c>GET /api/v1/pools/web</c> (s2 DOWN and not healthy?), a dry run of a plan gating lb-1 on
/// <c>pool_min_healthy</c> (refused?), and a real run of that plan (halted at the gate?). Then s2 comes back, and 2 s
/// after HAProxy shows it UP the same three must see it healthy again (the gate passes). A stale answer is counted.
/// </summary>
internal static class LiveGateBench
{
    private const string GateYaml = """
        name: bench-gate
        hosts: [lb-1]
        steps:
          - gate: pool_min_healthy

        """;

    public static async Task<List<string>> RunAsync(string vigil, int trials, TextWriter console)
    {
        await using var rig = await RebootRig.StartAsync(vigil, members: 3, minHealthy: 2, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        var s2 = rig.Backends[1];
        var stale = 0;
        var reads = 0;
        for (var t = 1; t <= trials; t++)
        {
            s2.Down();
            var down = await rig.Haproxy.WaitForAsync("s2", "DOWN", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            var (ok, line) = await AskAsync(rig, down, expectDown: true).ConfigureAwait(false);
            stale += 3 - ok;
            reads += 3;
            console.WriteLine($"trial {t} DOWN: {line}");
            s2.Up();
            var up = await rig.Haproxy.WaitForAsync("s2", "UP", TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            (ok, line) = await AskAsync(rig, up, expectDown: false).ConfigureAwait(false);
            stale += 3 - ok;
            reads += 3;
            console.WriteLine($"trial {t} UP:   {line}");
        }
        return [$"live gate ({trials} trial(s), each DOWN and back UP, read 2 s after HAProxy's change): {reads - stale} of {reads} reads current, {stale} stale (target 0 stale)"];
    }

    private static async Task<(int Current, string Line)> AskAsync(RebootRig rig, DateTimeOffset changed, bool expectDown)
    {
        var wait = changed + TimeSpan.FromSeconds(2) - TimeProvider.System.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, TimeProvider.System).ConfigureAwait(false);
        }
        var asked = TimeProvider.System.GetUtcNow();
        var poolTask = rig.Server.GetAsync("api/v1/pools/web");
        var dryTask = rig.Server.PostPlanAsync(GateYaml, dryRun: true);
        var runTask = rig.Server.PostPlanAsync(GateYaml);
        var pool = await poolTask.ConfigureAwait(false);
        var dry = await dryTask.ConfigureAwait(false);
        var id = (await runTask.ConfigureAwait(false))["id"]!.ToString();
        var run = await rig.Server.WaitForRunAsync(id, TimeSpan.FromSeconds(30), "halted", "succeeded", "paused").ConfigureAwait(false);
        if (run["state"]!.ToString() == "halted")
        {
            using var abort = await rig.Server.Admin.PostAsync($"api/v1/plans/runs/{id}/abort", null).ConfigureAwait(false);
        }

        var member = pool["members"]!.AsArray().Single(m => m!["server"]!.ToString() == "s2")!;
        var status = member["haproxy"]![0]!["status"]!.ToString();
        var poolSaw = expectDown ? status == "DOWN" && !(bool)member["healthy"]! : status == "UP" && (bool)member["healthy"]!;
        var verdict = dry["gates"]![0]!["verdict"]!.ToString();
        var drySaw = expectDown ? verdict == "failed" : verdict == "passed";
        var gate = run["hosts"]![0]!["results"]![0]!;
        var runSaw = expectDown ? run["state"]!.ToString() == "halted" && Mentions(gate, "s2") : run["state"]!.ToString() == "succeeded";
        var ok = (poolSaw ? 1 : 0) + (drySaw ? 1 : 0) + (runSaw ? 1 : 0);
        return (ok, $"asked {(asked - changed).TotalMilliseconds:F0} ms after HAProxy's change: pools s2 {status} healthy={member["healthy"]} ({Word(poolSaw)}), " +
            $"dry run {verdict} ({Word(drySaw)}), run {run["state"]} at the gate in {(DateTimeOffset.Parse(gate["endedAt"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) - asked).TotalMilliseconds:F0} ms ({Word(runSaw)}): {gate["reason"]}");
    }

    private static bool Mentions(JsonNode result, string server) =>
        result["reason"]!.ToString().Contains(server, StringComparison.Ordinal) || result["failures"]!.AsArray().Any(f => f!.ToString().Contains(server, StringComparison.Ordinal));

    private static string Word(bool current) => current ? "current" : "STALE";
}
