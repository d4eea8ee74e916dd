namespace Vigil.Agent.Processes;

/// <summary>Reads <c>/proc/[pid]/comm</c> and <c>cmdline</c> (under the root). Processes that exit while being read are skipped.</summary>
internal static class ProcessTable
{
    public static IReadOnlyList<ProcessInfo> Read(HostFiles files)
    {
        var list = new List<ProcessInfo>();
        IEnumerable<string> dirs;
        try
        {
            dirs = Directory.EnumerateDirectories(files.PathOf("/proc"));
        }
        catch (IOException)
        {
            return list;
        }
        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            var comm = files.ReadText($"/proc/{pid}/comm");
            if (comm is null)
            {
                continue;
            }
            var cmdline = files.ReadText($"/proc/{pid}/cmdline") ?? "";
            list.Add(new ProcessInfo(pid, comm.TrimEnd('\n'), cmdline.Replace('\0', ' ').Trim()));
        }
        return list;
    }
}
