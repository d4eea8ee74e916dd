using System.Globalization;
using System.Text;

namespace Vigil.Server.Templates;

/// <summary>A Go time.Duration (nanoseconds), printed like Go's Duration.String(): <c>1h2m3.5s</c>.</summary>
internal sealed record GoDuration(long Nanoseconds) : ITemplateObject, IGoPrintable
{
    public long Ticks => Nanoseconds / 100;

    public string GoTypeName => "time.Duration";

    public void AppendV(StringBuilder sb) => sb.Append(ToString());

    public TemplateMember Member(string name) => name switch
    {
        "Seconds" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Nanoseconds / 1e9)),
        "Minutes" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Nanoseconds / 6e10)),
        "Hours" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Nanoseconds / 3.6e12)),
        "Milliseconds" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Nanoseconds / 1_000_000)),
        "String" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => ToString())),
        _ => TemplateMember.None,
    };

    public override string ToString()
    {
        if (Nanoseconds == 0)
        {
            return "0s";
        }
        bool neg = Nanoseconds < 0;
        ulong u = neg ? (ulong)(-(Nanoseconds + 1)) + 1 : (ulong)Nanoseconds;
        string body;
        if (u < 1_000_000_000)
        {
            // Sub-second: the largest unit that keeps a non-zero integer part.
            (ulong div, string unit, int digits) = u < 1_000 ? (1UL, "ns", 0) : u < 1_000_000 ? (1_000UL, "µs", 3) : (1_000_000UL, "ms", 6);
            body = Fraction(u, div, digits) + unit;
        }
        else
        {
            ulong seconds = u / 1_000_000_000;
            ulong hours = seconds / 3600;
            ulong minutes = seconds / 60 % 60;
            string secs = Fraction(u % 60_000_000_000, 1_000_000_000, 9) + "s";
            body = hours > 0
                ? hours.ToString(CultureInfo.InvariantCulture) + "h" + minutes.ToString(CultureInfo.InvariantCulture) + "m" + secs
                : minutes > 0 ? minutes.ToString(CultureInfo.InvariantCulture) + "m" + secs : secs;
        }
        return neg ? "-" + body : body;
    }

    private static string Fraction(ulong value, ulong div, int digits)
    {
        string whole = (value / div).ToString(CultureInfo.InvariantCulture);
        if (digits == 0)
        {
            return whole;
        }
        string frac = (value % div).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0');
        return frac.Length == 0 ? whole : whole + "." + frac;
    }
}
