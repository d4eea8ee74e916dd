namespace Vigil.Server.Templates;

/// <summary>Go's lexer number scan (scanNumber): sign, 0x/0o/0b, digits with underscores, fraction, exponent, imaginary.</summary>
internal static class GoNumberScanner
{
    /// <summary>The end of the number starting at <paramref name="start"/>, or -1 for Go's "bad number syntax".</summary>
    public static int Scan(string s, int start)
    {
        int p = start;
        if (p < s.Length && s[p] is '+' or '-')
        {
            p++;
        }
        string digits = "0123456789_";
        if (p + 1 < s.Length && s[p] == '0' && char.ToLowerInvariant(s[p + 1]) is 'x' or 'o' or 'b')
        {
            digits = char.ToLowerInvariant(s[p + 1]) switch { 'x' => "0123456789abcdefABCDEF_", 'o' => "01234567_", _ => "01_" };
            p += 2;
        }
        p = Run(s, p, digits);
        if (p < s.Length && s[p] == '.')
        {
            p = Run(s, p + 1, digits);
        }
        bool hex = digits.Length > 15;
        if (p < s.Length && (hex ? s[p] is 'p' or 'P' : s[p] is 'e' or 'E'))
        {
            p++;
            if (p < s.Length && s[p] is '+' or '-')
            {
                p++;
            }
            p = Run(s, p, "0123456789_");
        }
        if (p < s.Length && s[p] == 'i')
        {
            p++;
        }
        if (p < s.Length && (char.IsLetterOrDigit(s[p]) || s[p] == '_'))
        {
            return -1;
        }
        return p;
    }

    private static int Run(string s, int p, string accepted)
    {
        while (p < s.Length && accepted.Contains(s[p], StringComparison.Ordinal))
        {
            p++;
        }
        return p;
    }
}
