using System.Globalization;

namespace Vigil.Bench;

/// <summary>Reads a process's CPU time and memory from <c>/proc</c>.</summary>
internal static class ProcessStats
{
    // USER_HZ is fixed at 100 in the Linux user ABI, whatever the kernel's internal HZ.
    private const double ClockTicksPerSecond = 100.0;

    /// <summary>utime + stime of the process (all its threads), in seconds; null if it is gone.</summary>
    public static double? TryCpuSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) may hold spaces and parentheses: split after its closing ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / ClockTicksPerSecond;
    }

    /// <summary>VmRSS and VmHWM in bytes; null if the process is gone.</summary>
    public static MemoryReading? TryMemory(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/status");
        }
        catch (IOException)
        {
            return null;
        }

        return new MemoryReading(pid, Kilobytes(lines, "VmRSS:") * 1024, Kilobytes(lines, "VmHWM:") * 1024);
    }

    private static long Kilobytes(string[] lines, string key)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        if (line is null)
        {
            return 0;
        }

        var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[0], CultureInfo.InvariantCulture);
    }
}
