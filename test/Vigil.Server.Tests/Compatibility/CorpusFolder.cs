namespace Vigil.Server.Tests.Compatibility;

/// <summary>
/// The migration corpus (<c>Compatibility/Corpus</c>) copied to a fresh folder with its placeholders filled in: <c>@SINK@</c>
/// (an HTTP base URL), <c>@SMTP@</c> (<c>host:port</c>) and <c>@DIR@</c> (the copy's own folder, for templates and secret files).
/// </summary>
internal static class CorpusFolder
{
    public static readonly string Source = Path.Combine(AppContext.BaseDirectory, "Compatibility", "Corpus");

    public static IEnumerable<string> Files => Directory.GetFiles(Source, "*.yml").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);

    public static string Materialize(string sink, string smtp)
    {
        var target = Directory.CreateTempSubdirectory("corpus-").FullName;
        foreach (var file in Directory.GetFiles(Source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Source, file);
            var path = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var text = File.ReadAllText(file).Replace("@SINK@", sink, StringComparison.Ordinal).Replace("@SMTP@", smtp, StringComparison.Ordinal)
                .Replace("@DIR@", target, StringComparison.Ordinal);
            File.WriteAllText(path, text);
        }
        return target;
    }
}
