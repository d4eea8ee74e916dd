using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>
/// Go's fmt.Sprintf for the verbs templates use: %v %s %d %q %x %X %o %b %c %f %F %e %E %g %G %t %T %%, with the
/// flags <c>-+# 0</c>, width and precision (also <c>*</c>), and Go's error forms (<c>%!d(string=x)</c>, <c>%!d(MISSING)</c>, <c>%!(EXTRA …)</c>).
/// </summary>
internal static class GoPrintf
{
    public static string Sprintf(string format, object?[] args)
    {
        var sb = new StringBuilder();
        int argNum = 0;
        int i = 0;
        while (i < format.Length)
        {
            int pct = format.IndexOf('%', i);
            if (pct < 0)
            {
                sb.Append(format, i, format.Length - i);
                break;
            }
            sb.Append(format, i, pct - i);
            i = pct + 1;
            var spec = new FormatSpec();
            while (i < format.Length && "-+# 0".Contains(format[i], StringComparison.Ordinal))
            {
                spec.SetFlag(format[i]);
                i++;
            }
            spec.Width = ReadNumber(format, ref i, args, ref argNum, out bool widthStar);
            if (widthStar && spec.Width < 0)
            {
                spec.Minus = true;
                spec.Width = -spec.Width;
            }
            if (i < format.Length && format[i] == '.')
            {
                i++;
                spec.Precision = ReadNumber(format, ref i, args, ref argNum, out _);
                if (spec.Precision < 0)
                {
                    spec.Precision = 0;
                }
            }
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }
            var rune = Rune.GetRuneAt(format, i);
            i += rune.Utf16SequenceLength;
            char verb = rune.Value < 0x10000 ? (char)rune.Value : '?';
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }
            if (argNum >= args.Length)
            {
                sb.Append("%!").Append(rune.ToString()).Append("(MISSING)");
                continue;
            }
            GoVerb.Append(sb, verb, spec, args[argNum++]);
        }
        if (argNum < args.Length)
        {
            sb.Append("%!(EXTRA ");
            for (int k = argNum; k < args.Length; k++)
            {
                if (k > argNum)
                {
                    sb.Append(", ");
                }
                sb.Append(GoValues.TypeName(args[k])).Append('=');
                GoFormat.AppendV(sb, args[k]);
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    private static int ReadNumber(string format, ref int i, object?[] args, ref int argNum, out bool star)
    {
        star = false;
        if (i < format.Length && format[i] == '*')
        {
            i++;
            star = true;
            if (argNum < args.Length && args[argNum] is long n)
            {
                argNum++;
                return (int)Math.Clamp(n, -1_000_000, 1_000_000);
            }
            argNum++;
            return -1;
        }
        int start = i;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            i++;
        }
        return i == start ? -1 : int.Parse(format.AsSpan(start, Math.Min(i - start, 7)), CultureInfo.InvariantCulture);
    }
}
