using System.Collections;
using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Go's fmt %v printing (Sprint, Sprintln) of template values: slices <c>[a b]</c>, maps <c>map[k:v]</c>, structs <c>{a b}</c>.</summary>
internal static class GoFormat
{
    /// <summary>What <c>{{ value }}</c> prints (Go's printValue: an invalid value is <c>&lt;no value&gt;</c>).</summary>
    public static void AppendValue(StringBuilder sb, object? value)
    {
        if (value is string s)
        {
            sb.Append(s);
            return;
        }
        if (value == NoValue.Instance || value == NoValue.NotPiped)
        {
            sb.Append("<no value>");
            return;
        }
        AppendV(sb, value);
    }

    public static string Sprint(params object?[] args)
    {
        var sb = new StringBuilder();
        bool prevString = false;
        for (int i = 0; i < args.Length; i++)
        {
            bool isString = args[i] is string or SafeText;
            if (i > 0 && !isString && !prevString)
            {
                sb.Append(' ');
            }
            AppendV(sb, args[i]);
            prevString = isString;
        }
        return sb.ToString();
    }

    public static string Sprintln(params object?[] args)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < args.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            AppendV(sb, args[i]);
        }
        return sb.Append('\n').ToString();
    }

    /// <summary>Go's %v.</summary>
    public static void AppendV(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("<nil>");
                break;
            case NoValue:
                sb.Append("<invalid reflect.Value>");
                break;
            case string s:
                sb.Append(s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case long l:
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case byte u:
                sb.Append(u.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                sb.Append(GoFloat.Format(d, 'g', -1));
                break;
            case IGoPrintable printable:
                printable.AppendV(sb);
                break;
            case IList list:
                sb.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(' ');
                    }
                    AppendV(sb, list[i]);
                }
                sb.Append(']');
                break;
            default:
                sb.Append(value);
                break;
        }
    }
}
