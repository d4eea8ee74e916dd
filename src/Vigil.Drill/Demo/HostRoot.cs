using System.Globalization;

namespace Vigil.Drill.Demo;

/// <summary>
/// A simulated host's files under its own folder, the way the real agent reads a host under <c>--root</c>: fstab and
/// mount table, default route, boot id and uptime, and one <c>/proc/PID</c> per process. Every file is replaced whole
/// (written aside, then renamed), as a running agent may read it at any moment.
/// </summary>
internal sealed class HostRoot(string dir)
{
    private const string RootMount = "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n";
    private const string DataMount = "80 27 8:17 / /data rw,relatime - ext4 /dev/sdb1 rw\n";
    private const string Route = "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
        + "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";

    public string Dir { get; } = dir;

    /// <summary>Where the action script leaves a request for the simulated machine (see <see cref="WriteActionScript"/>).</summary>
    public string RequestPath => Path.Join(Dir, "/run/demo/request");

    public string AgentConfigPath => Path.Join(Dir, "/etc/vigil/agent.yaml");

    public void Install(bool withData)
    {
        Write("/etc/fstab", "/dev/vda / ext4 errors=remount-ro 0 1\n" + (withData ? "/dev/sdb1 /data ext4 defaults,nofail 0 2\n" : ""));
        Write("/proc/net/route", Route);
        Directory.CreateDirectory(Path.Join(Dir, "/run/demo"));
    }

    public void Mounts(bool dataMounted) => Write("/proc/self/mountinfo", RootMount + (dataMounted ? DataMount : ""));

    public void Uptime(TimeSpan uptime) =>
        Write("/proc/uptime", string.Create(CultureInfo.InvariantCulture, $"{uptime.TotalSeconds:0.00} {uptime.TotalSeconds / 2:0.00}\n"));

    public void BootId(string bootId) => Write("/proc/sys/kernel/random/boot_id", bootId + "\n");

    /// <summary>The process table: exactly these (comm, cmdline) entries, pids from 100.</summary>
    public void Processes(IReadOnlyList<(string Comm, string Cmdline)> processes)
    {
        var proc = Path.Join(Dir, "/proc");
        foreach (var old in Directory.Exists(proc) ? Directory.GetDirectories(proc) : [])
        {
            if (int.TryParse(Path.GetFileName(old), out var pid) && pid >= 100 + processes.Count)
            {
                Directory.Delete(old, recursive: true);
            }
        }
        for (var i = 0; i < processes.Count; i++)
        {
            var pid = (100 + i).ToString(CultureInfo.InvariantCulture);
            Write($"/proc/{pid}/cmdline", processes[i].Cmdline.Replace(' ', '\0') + "\0");
            Write($"/proc/{pid}/comm", processes[i].Comm + "\n");
        }
    }

    /// <summary>
    /// The command the agent's allow-listed actions run: it leaves the action's name for the simulated machine and waits
    /// (at most 30 s) until the fleet has done it, so the agent's report right after the action sees the effect.
    /// </summary>
    public string WriteActionScript()
    {
        Write("/sbin/demo-action", $$"""
            #!/bin/sh
            # vigil demo: asks the simulated machine under $R to do "$1" (reboot, mount-all, restart-unicorn) and waits for it.
            R='{{Dir}}'
            printf '%s\n' "$1" > "$R/run/demo/request.new" && mv "$R/run/demo/request.new" "$R/run/demo/request" || exit 1
            i=0
            while [ -e "$R/run/demo/request" ]; do
              i=$((i + 1)); [ "$i" -gt 300 ] && { echo "the simulated host did not answer" >&2; exit 1; }
              sleep 0.1
            done
            echo "$1: done (simulated)"

            """);
        return Path.Join(Dir, "/sbin/demo-action");
    }

    public void Write(string path, string text)
    {
        var full = Path.Join(Dir, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full + ".new", text);
        File.Move(full + ".new", full, overwrite: true);
    }
}
