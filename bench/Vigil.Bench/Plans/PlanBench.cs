namespace Vigil.Bench.Plans;

/// <summary>
/// <c>plans</c>: issue 9's four targets against the real built server, a real HAProxy and real (or, at scale,
/// simulated) agents. <c>--scenario</c> picks one (<c>rolling</c>, <c>postboot</c>, <c>gate</c>, <c>scale</c>) or all.
/// </summary>
internal static class PlanBench
{
    public const string DefaultVigil = "src/Vigil/bin/Release/net10.0/vigil";

    public static async Task<int> RunAsync(CommandArgs a)
    {
        var scenario = a.String("scenario") ?? "all";
        var vigil = Path.GetFullPath(a.String("vigil") ?? DefaultVigil);
        var rate = a.Int("rate", 50);
        var runs = a.Int("runs", 1);
        var trials = a.Int("trials", 5);
        var hosts = a.Int("hosts", 500);
        var serial = a.Int("serial", 50);
        var alerts = a.Int("alerts", 2000);
        var interval = TimeSpan.FromSeconds(a.Int("interval-s", 10));
        var downtime = TimeSpan.FromSeconds(a.Int("reboot-s", 2));
        // HAProxy's default stats maxconn (10) is exceeded by serial 50: Vigil opens one connection per command and a
        // batch's hosts read and set the pool at once, so the socket's backlog fills and connects fail (EAGAIN).
        var statsMaxconn = a.Int("stats-maxconn", 200);
        a.RejectUnknown();
        if (scenario is not ("all" or "rolling" or "postboot" or "gate" or "scale" or "codec"))
        {
            throw new ArgumentException("--scenario takes all, rolling, postboot, gate, scale or codec");
        }
        if (!File.Exists(vigil))
        {
            throw new ArgumentException($"{vigil} does not exist: build it (dotnet build -c Release src/Vigil) or pass --vigil");
        }
        if (hosts < 2 * serial + 1 || serial < 1 || rate < 1 || runs < 1 || trials < 1)
        {
            throw new ArgumentException("--hosts must exceed 2 × --serial; --serial, --rate, --runs and --trials must be at least 1");
        }

        var console = Console.Out;
        console.WriteLine($"plans bench: {vigil}; load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
        var summary = new List<string>();
        if (scenario is "all" or "rolling")
        {
            summary.AddRange(await RollingRebootBench.RunAsync(vigil, rate, downtime, runs, console).ConfigureAwait(false));
        }
        if (scenario is "all" or "postboot")
        {
            summary.AddRange(await PostBootPageBench.RunAsync(vigil, rate, trials, console).ConfigureAwait(false));
        }
        if (scenario is "all" or "gate")
        {
            summary.AddRange(await LiveGateBench.RunAsync(vigil, trials, console).ConfigureAwait(false));
        }
        if (scenario is "all" or "scale")
        {
            summary.AddRange(await ScaleBench.RunAsync(vigil, hosts, serial, alerts, interval, downtime, statsMaxconn, runs, console).ConfigureAwait(false));
        }
        if (scenario is "all" or "codec")
        {
            summary.AddRange(RunCodecBench.Run(hosts, serial, console));
        }
        console.WriteLine();
        console.WriteLine($"summary (load at the end {File.ReadAllText("/proc/loadavg").Trim()}):");
        foreach (var line in summary)
        {
            console.WriteLine("  " + line);
        }
        return 0;
    }
}
