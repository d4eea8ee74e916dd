using System.Text;

namespace Vigil.Server.Notify.Integrations;

/// <summary>Alertmanager's TruncateInRunes and TruncateInBytes: a text over an API's limit ends in "…", counted as Go counts.</summary>
internal static class TextTruncation
{
    private const string Marker = "…";

    /// <summary>At most <paramref name="max"/> Unicode code points (Go's runes), the last being the marker when cut.</summary>
    public static (string Text, bool Truncated) InRunes(string s, int max)
    {
        // A UTF-16 length within the limit is always within it in code points: the common case costs nothing.
        if (s.Length <= max)
        {
            return (s, false);
        }
        var runes = s.EnumerateRunes().ToArray();
        if (runes.Length <= max)
        {
            return (s, false);
        }
        var keep = max <= 3 ? max : max - 1;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < keep; i++)
        {
            sb.Append(runes[i].ToString());
        }
        return (max <= 3 ? sb.ToString() : sb.Append(Marker).ToString(), true);
    }

    /// <summary>At most <paramref name="max"/> UTF-8 bytes, never cutting a code point, the marker (3 bytes) last when cut.</summary>
    public static (string Text, bool Truncated) InBytes(string s, int max)
    {
        if (Encoding.UTF8.GetByteCount(s) <= max)
        {
            return (s, false);
        }
        if (max <= 3)
        {
            return (max == 3 ? Marker : new string('.', max), true);
        }
        var budget = max - 3;
        var sb = new StringBuilder(budget + 1);
        var used = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > budget)
            {
                break;
            }
            used += rune.Utf8SequenceLength;
            sb.Append(rune.ToString());
        }
        return (sb.Append(Marker).ToString(), true);
    }
}
