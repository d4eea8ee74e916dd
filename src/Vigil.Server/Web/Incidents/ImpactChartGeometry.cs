using System.Globalization;
using System.Text;
using Vigil.Server.Incidents;

namespace Vigil.Server.Web.Incidents;

/// <summary>The customer-impact series as SVG path data (pure): x is time across <see cref="Width"/>, y the failing
/// share from 0 (bottom) to 1 (top of <see cref="Height"/>), one step per minute.</summary>
internal static class ImpactChartGeometry
{
    public const int Width = 600;
    public const int Height = 140;

    public static (string Line, string Area) Paths(ImpactReport report)
    {
        if (report.Series.Count == 0)
        {
            return ("", "");
        }
        var span = (report.To - report.From).TotalMilliseconds;
        var line = new StringBuilder();
        foreach (var point in report.Series)
        {
            var x0 = X(point.Minute < report.From ? report.From : point.Minute, report.From, span);
            var x1 = X(point.Minute + TimeSpan.FromMinutes(1) > report.To ? report.To : point.Minute + TimeSpan.FromMinutes(1), report.From, span);
            var y = Height * (1 - Math.Clamp(point.FailingShare, 0, 1));
            line.Append(line.Length == 0 ? "M" : " L").Append(N(x0)).Append(',').Append(N(y)).Append(" L").Append(N(x1)).Append(',').Append(N(y));
        }
        var area = "M0," + N(Height) + " " + line.ToString()[1..].Insert(0, "L") + " L" + N(Width) + "," + N(Height) + " Z";
        return (line.ToString(), area);
    }

    private static double X(DateTimeOffset at, DateTimeOffset from, double span) =>
        span <= 0 ? 0 : Width * (at - from).TotalMilliseconds / span;

    private static string N(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
