using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosts;

/// <summary>
/// A crafted host for the real agent (<c>vigil agent --root DIR</c>): an fstab with <c>/data</c>, a mountinfo with or
/// without it, a boot id and uptime, a default route. <see cref="RunAgentOnceAsync"/> starts the real vigil.dll.
/// </summary>
internal sealed class AgentRoot : IDisposable
{
    private const string Fstab = """
        # /etc/fstab: static file system information.
        UUID=4f2c1d0e-6b8a-4c51-9a0e-1f2d3c4b5a69 /               ext4    errors=remount-ro 0       1
        /swapfile                                 none            swap    sw              0       0
        /dev/sdb1       /data           ext4    defaults,nofail 0       2
        """;

    private const string RootMount = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n";
    private const string DataMount = "80 27 8:17 / /data rw,relatime - ext4 /dev/sdb1 rw\n";
    private const string Route = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\neth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";

    public AgentRoot()
    {
        Dir = Directory.CreateTempSubdirectory("vigil-agent-root-").FullName;
        Write("/etc/fstab", Fstab);
        Write("/proc/net/route", Route);
    }

    public string Dir { get; }

    /// <summary>The crafted host's boot id as the agent reads it (changed by a simulated reboot).</summary>
    public string BootId => File.ReadAllText(Path.Join(Dir, "proc/sys/kernel/random/boot_id")).Trim();

    /// <summary>Boots the crafted host: a new boot id, with <c>/data</c> mounted or not.</summary>
    public void Boot(string bootId, bool dataMounted, double uptimeSeconds = 42)
    {
        Write("/proc/sys/kernel/random/boot_id", bootId + "\n");
        Write("/proc/uptime", $"{uptimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} 10.00\n");
        Write("/proc/self/mountinfo", RootMount + (dataMounted ? DataMount : ""));
    }

    /// <summary>
    /// Writes a script that reboots this crafted host as far as the agent can tell: a new boot id, a fresh uptime and,
    /// with <paramref name="loseData"/>, a mount table without <c>/data</c> (the seed outage). An agent allow-lists it
    /// as its <c>reboot</c> action (<c>reboot: [/bin/sh, PATH]</c>) and runs it like any action. Returns its path.
    /// </summary>
    public string WriteRebootScript(string newBootId, bool loseData = false)
    {
        const string path = "/sbin/vigil-test-reboot";
        var mountinfo = loseData ? $"put /proc/self/mountinfo '{RootMount}'\n" : "";
        // Each file is replaced whole (written aside, then renamed), as the kernel's files never read half-written, and
        // the boot id last: the running agent reads them at any moment, and a report must not see the new boot with the
        // old mounts (a truncated boot_id once read as a boot id "unknown").
        Write(path, $$"""
            #!/bin/sh
            # A simulated reboot of the crafted host under $R (tests only write files; nothing real reboots).
            set -e
            R='{{Dir}}'
            put() { printf '%s' "$2" > "$R$1.new"; mv "$R$1.new" "$R$1"; }
            {{mountinfo}}put /proc/uptime '1.00 0.50
            '
            put /proc/sys/kernel/random/boot_id '{{newBootId}}
            '
            echo "rebooted (simulated): boot id {{newBootId}}"

            """);
        return Path.Join(Dir, path);
    }

    /// <summary>Runs <c>vigil agent --once</c> against the server; returns its exit code and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> RunAgentOnceAsync(string serverUrl, string token, string host)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { VigilProcess.VigilDll, "agent", "--server", serverUrl, "--token", token, "--root", Dir, "--host", host, "--once" })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(cts.Token);
        return (p.ExitCode, await output + await error);
    }

    public static async Task<string> CreateTokenAsync(VigilInstance vigil, string host)
    {
        var response = await vigil.Http.PostAsync("api/v1/agents/tokens", new StringContent($$"""{"host":"{{host}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!.ToString();
    }

    public void Write(string path, string text)
    {
        var full = Path.Join(Dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        // Whole or not at all (written aside, then renamed): a running agent may read the file at any moment.
        File.WriteAllText(full + ".new", text);
        File.Move(full + ".new", full, overwrite: true);
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
