using System.Text;

namespace Vigil.Server.Notify.Integrations;

/// <summary>Alertmanager's TruncateInRunes: at most <c>n</c> Unicode code points, the last one replaced by "…" when cut.</summary>
internal static class RuneTruncation
{
    public const string Marker = "…";

    public static (string Text, bool Truncated) Truncate(string s, int n)
    {
        var runes = s.EnumerateRunes().ToList();
        if (runes.Count <= n)
        {
            return (s, false);
        }
        var keep = n <= 3 ? n : n - 1;
        var sb = new StringBuilder(s.Length);
        foreach (var rune in runes.Take(keep))
        {
            sb.Append(rune.ToString());
        }
        return (n <= 3 ? sb.ToString() : sb.Append(Marker).ToString(), true);
    }
}
