using System.Globalization;

namespace Vigil.Server.Templates;

/// <summary>A numeric constant as Go's parse.NumberNode keeps it: it may be usable as an int, a float, or both.</summary>
internal sealed record GoNumber(string Text, bool IsInt, long Int, bool IsFloat, double Float)
{
    /// <summary>Parses a Go number or character literal; null for Go's "illegal number syntax".</summary>
    public static GoNumber? Parse(string text, bool isChar)
    {
        if (isChar)
        {
            string? ch = GoQuote.Unquote(text);
            if (ch is null)
            {
                return null;
            }
            int r = char.ConvertToUtf32(ch, 0);
            return new GoNumber(text, true, r, true, r);
        }
        string clean = text.Replace("_", "", StringComparison.Ordinal);
        if (clean.EndsWith('i'))
        {
            return null;
        }
        if (TryParseInt(clean, out long i))
        {
            return new GoNumber(text, true, i, true, i);
        }
        if (!IsHex(clean) && double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out double f) && !double.IsInfinity(f))
        {
            bool integral = f == Math.Floor(f) && Math.Abs(f) < 9.2e18;
            return new GoNumber(text, integral, integral ? (long)f : 0, true, f);
        }
        return null;
    }

    /// <summary>Go's idealConstant: the value a number takes where any type is accepted (printing, interface{} arguments).</summary>
    public object Ideal()
    {
        bool looksFloat = !IsHex(Text) && !Text.StartsWith('\'') && Text.AsSpan().IndexOfAny(".eEpP") >= 0;
        if (IsFloat && looksFloat)
        {
            return Float;
        }
        if (IsInt)
        {
            return Int;
        }
        throw new TemplateRuntimeException(Text + " overflows int");
    }

    private static bool IsHex(string s)
    {
        string t = s.TrimStart('+', '-');
        return t.Length > 2 && t[0] == '0' && t[1] is 'x' or 'X';
    }

    private static bool TryParseInt(string s, out long value)
    {
        value = 0;
        bool negative = s.StartsWith('-');
        string t = s.TrimStart('+', '-');
        int radix = 10;
        if (t.Length > 2 && t[0] == '0' && char.ToLowerInvariant(t[1]) is 'x' or 'o' or 'b')
        {
            radix = char.ToLowerInvariant(t[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
            t = t[2..];
        }
        else if (t.Length > 1 && t[0] == '0' && t.All(char.IsAsciiDigit))
        {
            radix = 8;
            t = t[1..];
        }
        if (t.Length == 0 || !t.All(char.IsAsciiHexDigit))
        {
            return false;
        }
        try
        {
            ulong u = Convert.ToUInt64(t, radix);
            if (u > long.MaxValue)
            {
                return false;
            }
            value = negative ? -(long)u : (long)u;
            return radix != 10 || t.All(char.IsAsciiDigit);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            return false;
        }
    }
}
