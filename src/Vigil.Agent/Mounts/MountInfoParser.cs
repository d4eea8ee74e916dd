namespace Vigil.Agent.Mounts;

/// <summary>
/// Parses <c>/proc/self/mountinfo</c>: <c>36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw</c>;
/// optional fields end at the lone <c>-</c>. Paths are octal-escaped. Lines that do not fit are skipped.
/// </summary>
internal static class MountInfoParser
{
    public static IReadOnlyList<MountInfoEntry> Parse(string text)
    {
        var entries = new List<MountInfoEntry>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var dash = f.Length < 7 ? -1 : Array.IndexOf(f, "-", 6);
            if (f.Length < 7 || dash < 0 || dash + 1 >= f.Length
                || !int.TryParse(f[0], out var id) || !int.TryParse(f[1], out var parent))
            {
                continue;
            }
            var source = dash + 2 < f.Length ? OctalEscapes.Decode(f[dash + 2]) : "";
            entries.Add(new MountInfoEntry(id, parent, OctalEscapes.Decode(f[3]), FstabParser.NormalizePath(OctalEscapes.Decode(f[4])),
                f[dash + 1], source, f[5].Split(',')));
        }
        return entries;
    }
}
