using System.Globalization;
using System.Text;

namespace Vigil.Server.Labels;

/// <summary>
/// Character classes and escapes as Go's regexp/syntax reads them with Perl flags (what Alertmanager compiles), as
/// sets of code point ranges, written out as explicit .NET classes: <c>\d</c>, <c>\s</c>, <c>\w</c> and POSIX
/// <c>[:alpha:]</c> are ASCII-only in Go (Unicode-aware in .NET), so they are spelled as ranges rather than passed on.
/// </summary>
internal static class Re2Class
{
    public const int MaxRune = 0x10FFFF;

    /// <summary>Go's unicode general categories (<c>\p{L}</c>, <c>\pN</c>); .NET knows them by the same names.</summary>
    private static readonly HashSet<string> Categories = new(StringComparer.Ordinal)
    {
        "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me", "Mn", "N", "Nd", "Nl", "No",
        "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc", "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs",
    };

    private static readonly Dictionary<string, (int Lo, int Hi)[]> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
        ["alpha"] = [('A', 'Z'), ('a', 'z')],
        ["ascii"] = [(0, 0x7F)],
        ["blank"] = [('\t', '\t'), (' ', ' ')],
        ["cntrl"] = [(0, 0x1F), (0x7F, 0x7F)],
        ["digit"] = [('0', '9')],
        ["graph"] = [('!', '~')],
        ["lower"] = [('a', 'z')],
        ["print"] = [(' ', '~')],
        ["punct"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        ["space"] = [('\t', '\r'), (' ', ' ')],
        ["upper"] = [('A', 'Z')],
        ["word"] = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
        ["xdigit"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
    };

    private static readonly (int, int)[] Digit = [('0', '9')];
    private static readonly (int, int)[] Space = [('\t', '\n'), ('\f', '\r'), (' ', ' ')];
    private static readonly (int, int)[] Word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

    /// <summary>A class being built: code point ranges plus .NET category tokens (<c>\p{L}</c>, <c>\P{Nd}</c>).</summary>
    public sealed class Set
    {
        public List<(int Lo, int Hi)> Ranges { get; } = [];

        public List<string> Tokens { get; } = [];

        public void Add(IEnumerable<(int Lo, int Hi)> ranges, bool negate)
        {
            if (!negate)
            {
                Ranges.AddRange(ranges);
                return;
            }
            var next = 0;
            foreach (var (lo, hi) in ranges.OrderBy(r => r.Lo))
            {
                if (lo > next)
                {
                    Ranges.Add((next, lo - 1));
                }
                next = Math.Max(next, hi + 1);
            }
            if (next <= MaxRune)
            {
                Ranges.Add((next, MaxRune));
            }
        }

        /// <summary>Writes the class; .NET matches UTF-16 code units, so ranges are cut at U+FFFF.</summary>
        public void Write(StringBuilder sb, bool negated)
        {
            var ranges = Ranges.Where(r => r.Lo <= 0xFFFF).Select(r => (r.Lo, Hi: Math.Min(r.Hi, 0xFFFF))).OrderBy(r => r.Lo).ToList();
            if (ranges.Count == 0 && Tokens.Count == 0)
            {
                sb.Append(negated ? "[\\s\\S]" : "[^\\s\\S]");
                return;
            }
            sb.Append(negated ? "[^" : "[");
            for (var i = 0; i < ranges.Count; i++)
            {
                var (lo, hi) = ranges[i];
                while (i + 1 < ranges.Count && ranges[i + 1].Lo <= hi + 1)
                {
                    hi = Math.Max(hi, ranges[++i].Hi);
                }
                Unit(sb, lo);
                if (hi > lo)
                {
                    sb.Append('-');
                    Unit(sb, hi);
                }
            }
            foreach (var token in Tokens)
            {
                sb.Append(token);
            }
            sb.Append(']');
        }
    }

    /// <summary>One UTF-16 code unit as a .NET escape, safe anywhere in a pattern.</summary>
    public static void Unit(StringBuilder sb, int c) => sb.Append("\\u").Append(c.ToString("X4", CultureInfo.InvariantCulture));

    /// <summary>Parses <c>[...]</c> at <paramref name="i"/> into .NET syntax on <paramref name="sb"/>.</summary>
    public static void ParseClass(string s, ref int i, StringBuilder sb)
    {
        var start = i++;
        var negated = i < s.Length && s[i] == '^';
        if (negated)
        {
            i++;
        }
        var set = new Set();
        var first = true;
        while (i >= s.Length || s[i] != ']' || first)
        {
            if (i >= s.Length)
            {
                throw new Re2Exception("missing closing ]", s[start..]);
            }
            first = false;
            if (s[i] == '[' && i + 1 < s.Length && s[i + 1] == ':' && s.IndexOf(":]", i + 2, StringComparison.Ordinal) is var end and > 0)
            {
                var name = s[(i + 2)..end];
                var negate = name.StartsWith('^');
                if (!Posix.TryGetValue(negate ? name[1..] : name, out var posix))
                {
                    throw new Re2Exception("invalid character class range", s[i..(end + 2)]);
                }
                set.Add(posix, negate);
                i = end + 2;
                continue;
            }
            if (TryClassEscape(s, ref i, set))
            {
                continue;
            }
            var rangeStart = i;
            var lo = ClassChar(s, ref i, start);
            var hi = lo;
            if (i + 1 < s.Length && s[i] == '-' && s[i + 1] != ']')
            {
                i++;
                hi = ClassChar(s, ref i, start);
                if (hi < lo)
                {
                    throw new Re2Exception("invalid character class range", s[rangeStart..i]);
                }
            }
            set.Ranges.Add((lo, hi));
        }
        i++;
        set.Write(sb, negated);
    }

    /// <summary><c>\d \s \w</c> (and negations) or <c>\pL</c>, <c>\p{Lu}</c>, <c>\P{^N}</c> added to <paramref name="set"/>.</summary>
    public static bool TryClassEscape(string s, ref int i, Set set)
    {
        if (i + 1 >= s.Length || s[i] != '\\')
        {
            return false;
        }
        var c = s[i + 1];
        (int, int)[]? perl = char.ToLowerInvariant(c) switch { 'd' => Digit, 's' => Space, 'w' => Word, _ => null };
        if (perl is not null)
        {
            set.Add(perl, char.IsUpper(c));
            i += 2;
            return true;
        }
        if (c is not ('p' or 'P'))
        {
            return false;
        }
        var negate = c == 'P';
        string name, seq;
        if (i + 2 < s.Length && s[i + 2] == '{')
        {
            var close = s.IndexOf('}', i + 3);
            if (close < 0)
            {
                throw new Re2Exception("invalid character class range", s[i..]);
            }
            (name, seq) = (s[(i + 3)..close], s[i..(close + 1)]);
        }
        else
        {
            var length = i + 2 < s.Length && char.IsHighSurrogate(s[i + 2]) ? 2 : 1;
            if (i + 2 + length > s.Length)
            {
                throw new Re2Exception("invalid character class range", s[i..]);
            }
            (name, seq) = (s.Substring(i + 2, length), s.Substring(i, 2 + length));
        }
        if (name.StartsWith('^'))
        {
            (negate, name) = (!negate, name[1..]);
        }
        if (name == "Any")
        {
            set.Add([(0, MaxRune)], negate);
        }
        else if (Categories.Contains(name))
        {
            set.Tokens.Add((negate ? "\\P{" : "\\p{") + name + "}");
        }
        else
        {
            // Go also knows scripts (\p{Greek}); .NET has no script classes, so these are refused rather than approximated.
            throw new Re2Exception("invalid or unsupported Unicode class (general categories such as \\p{L} work, scripts do not)", seq);
        }
        i += seq.Length;
        return true;
    }

    private static int ClassChar(string s, ref int i, int classStart)
    {
        if (i >= s.Length)
        {
            throw new Re2Exception("missing closing ]", s[classStart..]);
        }
        return s[i] == '\\' ? Escape(s, ref i) : Rune(s, ref i);
    }

    /// <summary>A code point, surrogate pairs joined; a lone surrogate is not text (Go: invalid UTF-8).</summary>
    public static int Rune(string s, ref int i)
    {
        if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
        {
            i += 2;
            return char.ConvertToUtf32(s[i - 2], s[i - 1]);
        }
        if (char.IsSurrogate(s[i]))
        {
            throw new Re2Exception("invalid UTF-8", "");
        }
        return s[i++];
    }

    /// <summary>A single-character escape, as Go's parseEscape: punctuation, octal (not a lone digit: that would be a
    /// back-reference), <c>\x7F</c>, <c>\x{10FFFF}</c>, <c>\a \f \n \r \t \v</c>. Anything else is an invalid escape.</summary>
    public static int Escape(string s, ref int i)
    {
        var start = i++;
        if (i >= s.Length)
        {
            throw new Re2Exception("trailing backslash at end of expression", "");
        }
        var c = Rune(s, ref i);
        switch (c)
        {
            case < 0x80 when !char.IsAsciiLetterOrDigit((char)c):
                return c;
            case >= '1' and <= '7' when i >= s.Length || s[i] is < '0' or > '7':
                break;
            case >= '0' and <= '7':
                var r = c - '0';
                for (var n = 1; n < 3 && i < s.Length && s[i] is >= '0' and <= '7'; n++)
                {
                    r = (r * 8) + (s[i++] - '0');
                }
                return r;
            case 'x' when i < s.Length && s[i] == '{':
                var close = s.IndexOf('}', i);
                if (close > i + 1 && close - i <= 9 && int.TryParse(s.AsSpan(i + 1, close - i - 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
                    && v <= MaxRune)
                {
                    i = close + 1;
                    return v;
                }
                i = Math.Min(s.Length, close < 0 ? s.Length : close + 1);
                break;
            case 'x' when i + 1 < s.Length && char.IsAsciiHexDigit(s[i]) && char.IsAsciiHexDigit(s[i + 1]):
                i += 2;
                return Convert.ToInt32(s.Substring(i - 2, 2), 16);
            case 'a': return '\a';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'v': return '\v';
        }
        throw new Re2Exception("invalid escape sequence", s[start..i]);
    }
}
