using System.Collections;
using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>One Printf verb applied to one argument, as Go's fmt does for the types templates see.</summary>
internal static class GoVerb
{
    public static void Append(StringBuilder sb, char verb, FormatSpec spec, object? arg)
    {
        if (verb == 'T')
        {
            Pad(sb, GoValues.TypeName(arg), spec, zeroPad: false);
            return;
        }
        switch (arg)
        {
            case long l:
                Integer(sb, verb, spec, l, "int");
                return;
            case byte u:
                Integer(sb, verb, spec, u, "uint8");
                return;
            case double d:
                Float(sb, verb, spec, d);
                return;
            case bool b when verb is 'v' or 't':
                Pad(sb, b ? "true" : "false", spec, zeroPad: false);
                return;
            case string or SafeText:
                Text(sb, verb, spec, arg.ToString()!, arg);
                return;
            case IList items when verb != 'v':
                sb.Append('[');
                for (int i = 0; i < items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }
                    Append(sb, verb, spec, items[i]);
                }
                sb.Append(']');
                return;
            case GoTime or GoDuration when verb is 'v' or 's' or 'q':
                Text(sb, verb, spec, arg.ToString()!, arg);
                return;
        }
        if (verb is 'v' || (verb == 's' && arg is IGoPrintable))
        {
            var inner = new StringBuilder();
            GoFormat.AppendV(inner, arg);
            Pad(sb, inner.ToString(), spec, zeroPad: false);
            return;
        }
        BadVerb(sb, verb, arg);
    }

    private static void Text(StringBuilder sb, char verb, FormatSpec spec, string s, object? arg)
    {
        if (spec.Precision >= 0 && verb is 's' or 'v' or 'q' or 'x' or 'X')
        {
            s = TruncateRunes(s, spec.Precision);
        }
        switch (verb)
        {
            case 's' or 'v':
                Pad(sb, s, spec, spec.Zero);
                return;
            case 'q':
                if (spec.Sharp && !s.Contains('`', StringComparison.Ordinal) && s.All(c => c == '\t' || !char.IsControl(c)))
                {
                    Pad(sb, "`" + s + "`", spec, false);
                    return;
                }
                Pad(sb, GoQuote.Quote(s), spec, false);
                return;
            case 'x' or 'X':
                string hex = Convert.ToHexString(Encoding.UTF8.GetBytes(s));
                hex = verb == 'x' ? hex.ToLowerInvariant() : hex;
                Pad(sb, spec.Sharp && hex.Length > 0 ? (verb == 'x' ? "0x" : "0X") + hex : hex, spec, false);
                return;
        }
        BadVerb(sb, verb, arg);
    }

    private static void Integer(StringBuilder sb, char verb, FormatSpec spec, long value, string typeName)
    {
        string digits;
        string prefix = "";
        ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        switch (verb)
        {
            case 'd' or 'v':
                digits = magnitude.ToString(CultureInfo.InvariantCulture);
                break;
            case 'x' or 'X':
                digits = magnitude.ToString(verb == 'x' ? "x" : "X", CultureInfo.InvariantCulture);
                prefix = spec.Sharp ? (verb == 'x' ? "0x" : "0X") : "";
                break;
            case 'o' or 'O':
                digits = Convert.ToString((long)magnitude, 8);
                prefix = verb == 'O' ? "0o" : spec.Sharp ? "0" : "";
                break;
            case 'b':
                digits = Convert.ToString((long)magnitude, 2);
                break;
            case 'c':
                Pad(sb, char.ConvertFromUtf32(ValidRune(value)), spec, false);
                return;
            case 'q':
                var q = new StringBuilder("'");
                GoQuote.AppendQuoted(q, char.ConvertFromUtf32(ValidRune(value)), '\'');
                Pad(sb, q.Append('\'').ToString(), spec, false);
                return;
            case 'U':
                Pad(sb, "U+" + magnitude.ToString("X4", CultureInfo.InvariantCulture), spec, false);
                return;
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G' or 's' or 't':
            default:
                BadVerb(sb, verb, value, typeName);
                return;
        }
        if (spec.Precision >= 0)
        {
            digits = value == 0 && spec.Precision == 0 ? "" : digits.PadLeft(spec.Precision, '0');
        }
        string sign = value < 0 ? "-" : spec.Plus ? "+" : spec.Space ? " " : "";
        string head = sign + prefix;
        if (spec.Zero && !spec.Minus && spec.Precision < 0 && spec.Width > head.Length + digits.Length)
        {
            digits = digits.PadLeft(spec.Width - head.Length, '0');
        }
        Pad(sb, head + digits, spec, false);
    }

    private static void Float(StringBuilder sb, char verb, FormatSpec spec, double value)
    {
        if (verb is not ('v' or 'e' or 'E' or 'f' or 'F' or 'g' or 'G'))
        {
            BadVerb(sb, verb, value);
            return;
        }
        char format = verb == 'v' ? 'g' : verb == 'F' ? 'f' : verb;
        int prec = spec.Precision >= 0 ? spec.Precision : format is 'e' or 'E' or 'f' ? 6 : -1;
        string s = GoFloat.Format(value, format, prec);
        if (!s.StartsWith('-') && !s.StartsWith('+'))
        {
            s = (spec.Plus ? "+" : spec.Space ? " " : "") + s;
        }
        else if (s.StartsWith('+') && !spec.Plus)
        {
            s = spec.Space ? " " + s[1..] : s[1..];
        }
        if (spec.Zero && !spec.Minus && spec.Width > s.Length && !double.IsInfinity(value) && !double.IsNaN(value))
        {
            int signLen = s.Length > 0 && s[0] is '-' or '+' or ' ' ? 1 : 0;
            s = s[..signLen] + s[signLen..].PadLeft(spec.Width - signLen, '0');
        }
        Pad(sb, s, spec, false);
    }

    private static void BadVerb(StringBuilder sb, char verb, object? arg, string? typeName = null)
    {
        sb.Append("%!").Append(verb).Append('(');
        if (arg is null)
        {
            sb.Append("<nil>");
        }
        else
        {
            sb.Append(typeName ?? GoValues.TypeName(arg)).Append('=');
            GoFormat.AppendV(sb, arg);
        }
        sb.Append(')');
    }

    private static void Pad(StringBuilder sb, string s, FormatSpec spec, bool zeroPad)
    {
        int runes = s.EnumerateRunes().Count();
        if (spec.Width <= runes)
        {
            sb.Append(s);
            return;
        }
        int padding = spec.Width - runes;
        if (spec.Minus)
        {
            sb.Append(s).Append(' ', padding);
            return;
        }
        sb.Append(zeroPad ? '0' : ' ', padding).Append(s);
    }

    private static int ValidRune(long value) => value is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? (int)value : 0xFFFD;

    private static string TruncateRunes(string s, int max)
    {
        int count = 0;
        int index = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (count == max)
            {
                return s[..index];
            }
            count++;
            index += rune.Utf16SequenceLength;
        }
        return s;
    }
}
