namespace Vigil.Agent.Mounts;

/// <summary>Parses <c>/etc/fstab</c> (fstab(5)): six whitespace-separated fields, the last two optional; <c>#</c> comments.</summary>
internal static class FstabParser
{
    public static IReadOnlyList<FstabEntry> Parse(string text)
    {
        var entries = new List<FstabEntry>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3)
            {
                continue; // not an entry mount(8) would act on either
            }
            var options = fields.Length > 3 ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : ["defaults"];
            entries.Add(new FstabEntry(OctalEscapes.Decode(fields[0]), NormalizePath(OctalEscapes.Decode(fields[1])), fields[2], options, lineNumber));
        }
        return entries;
    }

    /// <summary>"/data/" and "/data" are the same mount point.</summary>
    public static string NormalizePath(string path) => path.Length > 1 && path.EndsWith('/') ? path.TrimEnd('/') is { Length: > 0 } t ? t : "/" : path;
}
