using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// One of issue 15's targets, judged on the medians of a <see cref="CompareTable"/>: either against a fixed limit or
/// against Alertmanager's median times a factor.
/// </summary>
/// <param name="Item">The issue's item number.</param>
/// <param name="Limit">The limit, or the factor on Alertmanager's median when <paramref name="AgainstAlertmanager"/>.</param>
/// <param name="JudgedOnly">Why the target cannot be judged from this run (e.g. run at 200k, not 1M); null when it can.</param>
internal sealed record CompareTarget(string Item, string Text, string Key, double Limit, bool AgainstAlertmanager, string? JudgedOnly = null)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    /// <summary>What was measured (medians) and the verdict: met, missed, or why it is not judged.</summary>
    public (string Measured, string Verdict) Judge(CompareTable table)
    {
        var row = table.Row(Key);
        var vigil = table.Of(Key, SystemUnderTest.VigilName);
        var am = table.Of(Key, SystemUnderTest.AlertmanagerName);
        if (vigil is null || (AgainstAlertmanager && am is null))
        {
            return ("not measured", "—");
        }

        var v = CompareTable.Value(row, vigil.Median);
        if (!AgainstAlertmanager)
        {
            return (JudgedOnly is null ? v : $"{v} ({JudgedOnly})", JudgedOnly is null ? Verdict(row, vigil.Median, Limit) : "not judged");
        }

        var measured = string.Create(Ci, $"Vigil {v}, Alertmanager {CompareTable.Value(row, am!.Median)}: {(am.Median == 0 ? "—" : CompareTable.Times(vigil.Median / am.Median))}");
        return (measured, Verdict(row, vigil.Median, am.Median * Limit));
    }

    private static string Verdict(CompareRow row, double value, double limit) =>
        (row.Better == Better.Higher ? value >= limit : value <= limit) ? "met" : "**missed**";
}
