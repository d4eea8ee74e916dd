using System.Globalization;

namespace Vigil.Bench.Plans;

/// <summary>
/// The real agent (<c>vigil agent --root DIR</c>) over a crafted host: an fstab and a mount table with <c>/data</c>, a
/// boot id, a default route, and an allow-listed <c>reboot</c> action that simulates a reboot as far as the agent and
/// the backend can tell: the backend answers 503 for <c>downtime</c>, then a new boot id appears and the backend is
/// back — or, with <c>loseData</c>, the new boot's mount table has no <c>/data</c> and the backend stays broken.
/// </summary>
internal sealed class RealAgent : IDisposable
{
    private const string RootMount = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n";
    private const string DataMount = "80 27 8:17 / /data rw,relatime - ext4 /dev/sdb1 rw\n";
    private readonly ProcessLauncher _process;

    private RealAgent(string root, ProcessLauncher process)
    {
        Root = root;
        _process = process;
    }

    public string Root { get; }

    public static async Task<RealAgent> StartAsync(BenchServer server, string vigil, string host, string dir, HealthBackend backend, bool loseData, TimeSpan downtime)
    {
        var root = Path.Combine(dir, "root-" + host);
        var (token, serverKey) = await server.CreateAgentTokenAsync(host).ConfigureAwait(false);
        Write(root, "/etc/fstab", "/dev/vda / ext4 errors=remount-ro 0 1\n/dev/sdb1 /data ext4 defaults,nofail 0 2\n");
        Write(root, "/proc/net/route", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        Write(root, "/proc/sys/kernel/random/boot_id", $"boot-{host}-1\n");
        Write(root, "/proc/uptime", "42.00 10.00\n");
        Write(root, "/proc/self/mountinfo", RootMount + DataMount);
        var seconds = downtime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var after = loseData ? $"printf '%s' '{RootMount}' > \"$R/proc/self/mountinfo\"\n" : $"echo up > '{backend.MarkerPath}'\n";
        Write(root, "/sbin/bench-reboot", $"""
            #!/bin/sh
            # A simulated reboot of the crafted host under $R: the backend is down meanwhile, then a new boot id.
            set -e
            R='{root}'
            rm -f '{backend.MarkerPath}'
            sleep {seconds}
            cat /proc/sys/kernel/random/uuid > "$R/proc/sys/kernel/random/boot_id"
            printf '1.00 0.50\n' > "$R/proc/uptime"
            {after}echo rebooted
            """);
        var config = Path.Combine(root, "etc/vigil/agent.yaml");
        Write(root, "/etc/vigil/agent.yaml",
            $"interval: 5s\nsystemd: {{enabled: false}}\nserver_key: {serverKey}\nactions:\n  reboot: {{run: [/bin/sh, {root}/sbin/bench-reboot], timeout: 60s}}\n");
        var process = ProcessLauncher.Start($"{vigil} agent --server {server.Url} --token {token} --root {root} --host {host} --config {config}",
            Path.Combine(dir, $"agent-{host}.log"));
        var agent = new RealAgent(root, process);
        try
        {
            await server.WaitForHostAsync(host, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch
        {
            agent.Dispose();
            throw;
        }
        return agent;
    }

    public void Dispose() => _process.Dispose();

    private static void Write(string root, string path, string text)
    {
        var full = Path.Join(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }
}
