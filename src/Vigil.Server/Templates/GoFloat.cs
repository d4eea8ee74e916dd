using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Go's strconv.FormatFloat for the 'e', 'f' and 'g' formats (shortest when precision is -1).</summary>
internal static class GoFloat
{
    public static string Format(double value, char verb, int prec)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        bool upper = char.IsUpper(verb);
        verb = char.ToLowerInvariant(verb);
        string result = verb switch
        {
            'f' => FormatF(value, prec),
            'e' => FormatE(value, prec),
            _ => FormatG(value, prec),
        };
        return upper ? result.ToUpperInvariant() : result;
    }

    private static string FormatF(double value, int prec)
    {
        if (prec < 0)
        {
            var (neg, digits, dp) = Shortest(value);
            prec = Math.Max(digits.Length - dp, 0);
            _ = neg;
        }
        string s = value.ToString("F" + prec.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return NegZero(value) && !s.StartsWith('-') ? "-" + s : s;
    }

    private static string FormatE(double value, int prec)
    {
        var (neg, digits, dp) = prec < 0 ? Shortest(value) : Rounded(value, prec + 1);
        return (neg ? "-" : "") + MantissaExp(digits, dp, prec < 0 ? digits.Length - 1 : prec);
    }

    private static string FormatG(double value, int prec)
    {
        bool shortest = prec < 0;
        if (prec == 0)
        {
            prec = 1;
        }
        var (neg, digits, dp) = shortest ? Shortest(value) : Rounded(value, prec);
        int eprec = shortest ? 6 : prec;
        if (!shortest && eprec > digits.Length && digits.Length >= dp)
        {
            eprec = digits.Length;
        }
        int exp = dp - 1;
        string sign = neg ? "-" : "";
        if (exp < -4 || exp >= eprec)
        {
            return sign + MantissaExp(digits, dp, digits.Length - 1);
        }
        var sb = new StringBuilder(sign);
        if (dp <= 0)
        {
            sb.Append("0.").Append('0', -dp).Append(digits);
        }
        else if (dp >= digits.Length)
        {
            sb.Append(digits).Append('0', dp - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, dp).Append('.').Append(digits, dp, digits.Length - dp);
        }
        return sb.ToString();
    }

    private static string MantissaExp(string digits, int dp, int fracDigits)
    {
        var sb = new StringBuilder();
        sb.Append(digits[0]);
        if (fracDigits > 0)
        {
            sb.Append('.');
            string frac = digits.Length > 1 ? digits[1..] : "";
            sb.Append(frac.PadRight(fracDigits, '0'), 0, fracDigits);
        }
        int exp = digits == "0" ? 0 : dp - 1;
        sb.Append('e').Append(exp < 0 ? '-' : '+');
        int abs = Math.Abs(exp);
        sb.Append(abs < 10 ? "0" + abs.ToString(CultureInfo.InvariantCulture) : abs.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Shortest round-trip digits (no leading/trailing zeros) and the decimal point position.</summary>
    private static (bool Neg, string Digits, int Dp) Shortest(double value) => Decompose("", value, shortest: true);

    private static (bool Neg, string Digits, int Dp) Rounded(double value, int significant) =>
        Decompose(value.ToString("E" + Math.Max(significant - 1, 0).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), value, shortest: false);

    private static (bool Neg, string Digits, int Dp) Decompose(string e, double value, bool shortest)
    {
        if (shortest)
        {
            string r = value.ToString("R", CultureInfo.InvariantCulture).TrimStart('-');
            int ePos = r.IndexOfAny(['E', 'e']);
            string mant = ePos < 0 ? r : r[..ePos];
            int exp10 = ePos < 0 ? 0 : int.Parse(r[(ePos + 1)..], CultureInfo.InvariantCulture);
            int dot = mant.IndexOf('.', StringComparison.Ordinal);
            string intPart = dot < 0 ? mant : mant[..dot];
            string fracPart = dot < 0 ? "" : mant[(dot + 1)..];
            string all = intPart + fracPart;
            int dp = intPart.Length + exp10;
            int lead = 0;
            while (lead < all.Length - 1 && all[lead] == '0')
            {
                lead++;
            }
            all = all[lead..];
            dp -= lead;
            all = all.TrimEnd('0');
            if (all.Length == 0)
            {
                return (value < 0 || NegZero(value), "0", 1);
            }
            return (value < 0 || NegZero(value), all, dp);
        }
        bool neg = e.StartsWith('-');
        e = e.TrimStart('-');
        int ei = e.IndexOf('E', StringComparison.Ordinal);
        string digits = e[..ei].Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        int exponent = int.Parse(e[(ei + 1)..], CultureInfo.InvariantCulture);
        if (value == 0)
        {
            return (NegZero(value), digits, 1);
        }
        return (neg, digits, exponent + 1);
    }

    private static bool NegZero(double value) => value == 0 && double.IsNegative(value);
}
