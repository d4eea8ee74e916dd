using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// Finds the process listening on a TCP port: the socket inode from <c>/proc/net/tcp{,6}</c>, then the
/// process whose <c>/proc/PID/fd</c> holds <c>socket:[inode]</c>.
/// </summary>
internal static class PortOwner
{
    private const string ListenState = "0A";

    public static int? FindPid(Uri url) => FindPid(url.Port);

    public static int? FindPid(int port)
    {
        var inodes = ListeningInodes(port);
        if (inodes.Count == 0)
        {
            return null;
        }

        var targets = inodes.Select(i => $"socket:[{i}]").ToHashSet(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc").Take(100_000))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            if (OwnsAny(dir, targets))
            {
                return pid;
            }
        }

        return null;
    }

    private static List<string> ListeningInodes(int port)
    {
        var portHex = port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new List<string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (f.Length > 9 && f[3] == ListenState && f[1].EndsWith(":" + portHex, StringComparison.Ordinal))
                {
                    inodes.Add(f[9]);
                }
            }
        }

        return inodes;
    }

    private static bool OwnsAny(string procDir, HashSet<string> targets)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFiles(Path.Combine(procDir, "fd")))
            {
                var link = new FileInfo(fd).LinkTarget;
                if (link is not null && targets.Contains(link))
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }
}
