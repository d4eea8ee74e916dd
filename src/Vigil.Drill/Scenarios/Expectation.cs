using System.Globalization;

namespace Vigil.Drill.Scenarios;

/// <summary>The measures a scenario can expect (<c>expect</c>): keys of the report.</summary>
internal enum Measure
{
    /// <summary><c>customer_minutes_lost</c>: the share of customer probes failing, integrated over time, in minutes.</summary>
    CustomerMinutesLost,
    /// <summary><c>peak_impact</c>: the largest share of customer probes failing at once, 0 to 1.</summary>
    PeakImpact,
    /// <summary><c>first_page_within</c>: from the first observable fault to the first page sent.</summary>
    FirstPageWithin,
    /// <summary><c>customer_page_within</c>: from the first customer impact to the first page for a customer-impact alert.</summary>
    CustomerPageWithin,
    /// <summary><c>detect_within</c>: from the first observable fault to the first alert firing.</summary>
    DetectWithin,
    /// <summary><c>ack_within</c>: from the first page to its acknowledgement.</summary>
    AckWithin,
    /// <summary><c>resolve_within</c>: from the first observable fault to customers served again.</summary>
    ResolveWithin,
    /// <summary><c>pages_sent</c>: how many pages were sent, to anyone.</summary>
    PagesSent,
    /// <summary><c>incidents_opened</c>.</summary>
    IncidentsOpened,
}

/// <summary>One expected outcome: a measure, a comparison and a value (minutes, seconds or a count).</summary>
internal sealed record Expectation(Measure Measure, string Op, double Value, string Written, int Line)
{
    public bool IsMet(double? actual) => actual is { } a && Op switch
    {
        "<" => a < Value,
        "<=" => a <= Value,
        ">" => a > Value,
        ">=" => a >= Value,
        _ => Math.Abs(a - Value) < 1e-9,
    };

    public static string KeyOf(Measure m) => m switch
    {
        Measure.CustomerMinutesLost => "customer_minutes_lost",
        Measure.PeakImpact => "peak_impact",
        Measure.FirstPageWithin => "first_page_within",
        Measure.DetectWithin => "detect_within",
        Measure.CustomerPageWithin => "customer_page_within",
        Measure.AckWithin => "ack_within",
        Measure.ResolveWithin => "resolve_within",
        Measure.PagesSent => "pages_sent",
        _ => "incidents_opened",
    };

    /// <summary>Durations compare in seconds; the rest as numbers.</summary>
    public static bool IsDuration(Measure m) => m is Measure.FirstPageWithin or Measure.CustomerPageWithin or Measure.DetectWithin or Measure.AckWithin or Measure.ResolveWithin;

    public string Describe() => $"{KeyOf(Measure)} {Op} {Written}";

    public static string Format(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
