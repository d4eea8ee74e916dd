using System.Globalization;
using System.Net;
using System.Text;
using Vigil.Server.Hosts;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Hosts;

/// <summary>
/// The geometry of a host's reboot-duration chart, drawn as SVG on the server: one bar per reboot (oldest on the left),
/// coloured when it ran past the allowance learned before it, and a dashed line at the allowance. Coordinates are in the
/// <see cref="Width"/> × <see cref="Height"/> view box; the page scales it to its width.
/// </summary>
internal sealed record RebootChart(IReadOnlyList<RebootChart.Entry> Entries, IReadOnlyList<RebootChart.Bar> Bars, double AllowanceY, IReadOnlyList<RebootChart.Tick> Ticks, string Summary)
{
    public const double Width = 800;
    public const double Height = 220;
    public const double Left = 56;
    public const double Bottom = 22;
    public const double Top = 10;

    /// <summary>One reboot's bar, with the text of its tooltip.</summary>
    public sealed record Bar(double X, double Y, double W, double H, bool Over, string Label);

    /// <summary>One reboot, the allowance it was judged against when it happened, and whether it ran past it.</summary>
    public sealed record Entry(HostReboot Reboot, TimeSpan AllowanceThen, bool Over);

    /// <summary>A y-axis label.</summary>
    public sealed record Tick(double Y, string Text);

    public static string Number(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// The chart of the newest <paramref name="shown"/> of <paramref name="newestFirst"/> (as stored; load
    /// <c>shown + reboot_history</c> so each shown reboot has its own history). Each reboot is compared with the allowance
    /// that held when it happened — learned from the reboots before it, as the server judged it then — and the dashed line
    /// is the allowance learned now, <paramref name="allowance"/>.
    /// </summary>
    public static RebootChart Of(string host, IReadOnlyList<HostReboot> newestFirst, int shown, HostsOptions options, TimeSpan downAfter, TimeSpan allowance)
    {
        var entries = new List<Entry>();
        for (var i = Math.Min(shown, newestFirst.Count) - 1; i >= 0; i--)
        {
            var before = newestFirst.Skip(i + 1).Take(options.RebootHistory).Select(r => r.Duration).ToList();
            var then = RebootRules.Allowance(before, options, downAfter);
            entries.Add(new Entry(newestFirst[i], then, newestFirst[i].Duration > then));
        }
        var longest = entries.Count == 0 ? TimeSpan.Zero : entries.Max(e => e.Reboot.Duration);
        var top = Math.Max(Math.Max(longest.TotalSeconds, allowance.TotalSeconds) * 1.15, 1);
        var plot = Height - Bottom - Top;
        double YOf(double seconds) => Top + plot - seconds / top * plot;
        var slot = entries.Count == 0 ? 0 : (Width - Left - 8) / entries.Count;
        var bars = new List<Bar>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var y = YOf(Math.Max(0, e.Reboot.Duration.TotalSeconds));
            bars.Add(new Bar(Left + i * slot + slot * 0.15, y, Math.Max(1, slot * 0.7), Top + plot - y, e.Over,
                $"{UiZone.Duration(e.Reboot.Duration)} ({Seconds(e.Reboot.Duration)}); allowance then {UiZone.Duration(e.AllowanceThen)}"));
        }
        var ticks = new[] { 0, top / 2, top }.Select(s => new Tick(YOf(s), UiZone.Duration(TimeSpan.FromSeconds(s)))).ToList();
        var over = entries.Count(e => e.Over);
        var summary = entries.Count == 0
            ? $"No reboot of {host} recorded yet; the allowance is {UiZone.Duration(allowance)}."
            : $"Reboot durations of {host}: {entries.Count} reboot(s), longest {UiZone.Duration(longest)}, learned allowance now {UiZone.Duration(allowance)}; " +
              $"{over} ran past the allowance of their time.";
        return new RebootChart(entries, bars, YOf(allowance.TotalSeconds), ticks, summary);
    }

    /// <summary>
    /// The chart as SVG markup, every text encoded (Razor reserves the <c>text</c> element, so the page inserts this whole):
    /// <c>role="img"</c> with the summary as its label and title, the y axis, the bars with tooltips, the dashed allowance line.
    /// </summary>
    public string Svg(string allowanceText)
    {
        var b = new StringBuilder();
        b.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart reboots\" role=\"img\" aria-label=\"{Encode(Summary)}\" viewBox=\"0 0 {Number(Width)} {Number(Height)}\">");
        b.Append(CultureInfo.InvariantCulture, $"<title>{Encode(Summary)}</title>");
        foreach (var t in Ticks)
        {
            b.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Number(Left)}\" x2=\"{Number(Width)}\" y1=\"{Number(t.Y)}\" y2=\"{Number(t.Y)}\"/>");
            b.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(Left - 4)}\" y=\"{Number(t.Y + 4)}\" text-anchor=\"end\">{Encode(t.Text)}</text>");
        }
        foreach (var bar in Bars)
        {
            b.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar{(bar.Over ? " over" : "")}\" x=\"{Number(bar.X)}\" y=\"{Number(bar.Y)}\" width=\"{Number(bar.W)}\" height=\"{Number(bar.H)}\"><title>{Encode(bar.Label)}</title></rect>");
        }
        b.Append(CultureInfo.InvariantCulture, $"<line class=\"limit\" x1=\"{Number(Left)}\" x2=\"{Number(Width)}\" y1=\"{Number(AllowanceY)}\" y2=\"{Number(AllowanceY)}\"/>");
        b.Append(CultureInfo.InvariantCulture, $"<text x=\"{Number(Width - 4)}\" y=\"{Number(AllowanceY - 4)}\" text-anchor=\"end\">{Encode(allowanceText)}</text>");
        return b.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Seconds(TimeSpan d) => d.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s";
}
