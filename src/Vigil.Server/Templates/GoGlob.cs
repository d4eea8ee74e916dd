using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Server.Templates;

/// <summary>Go's filepath.Glob: <c>*</c>, <c>?</c> and <c>[…]</c> in any path element (no <c>**</c>), results sorted per directory.</summary>
internal static class GoGlob
{
    public static List<string> Expand(string pattern)
    {
        if (!HasMeta(pattern))
        {
            return File.Exists(pattern) || Directory.Exists(pattern) ? [pattern] : [];
        }
        string? dir = Path.GetDirectoryName(pattern);
        string file = Path.GetFileName(pattern);
        var dirs = string.IsNullOrEmpty(dir) ? ["."] : HasMeta(dir) ? Expand(dir) : [dir];
        var result = new List<string>();
        var regex = ToRegex(file);
        foreach (string d in dirs)
        {
            if (!Directory.Exists(d))
            {
                continue;
            }
            var names = Directory.EnumerateFileSystemEntries(d).Select(Path.GetFileName).OfType<string>()
                .Where(n => regex.IsMatch(n)).Order(StringComparer.Ordinal);
            result.AddRange(names.Select(n => string.IsNullOrEmpty(dir) ? n : Path.Combine(d, n)));
        }
        return result;
    }

    private static bool HasMeta(string path) => path.AsSpan().IndexOfAny("*?[\\") >= 0;

    /// <summary>Go's filepath.Match syntax for one element; throws <see cref="TemplateException"/> for a malformed pattern.</summary>
    private static Regex ToRegex(string pattern)
    {
        var sb = new StringBuilder("\\A");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '\\':
                    if (++i >= pattern.Length)
                    {
                        throw new TemplateException("syntax error in pattern");
                    }
                    sb.Append(Regex.Escape(pattern[i].ToString()));
                    break;
                case '[':
                    int close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        throw new TemplateException("syntax error in pattern");
                    }
                    string body = pattern[(i + 1)..close];
                    sb.Append('[').Append(body.StartsWith('^') ? "^" + body[1..].Replace("\\", "\\\\", StringComparison.Ordinal) : body.Replace("\\", "\\\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return new Regex(sb.Append("\\z").ToString(), RegexOptions.CultureInvariant);
    }
}
