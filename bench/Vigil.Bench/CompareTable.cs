using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// The runs of <c>compare</c> folded per row: each system's median and spread, the text of a cell, and the
/// Vigil/Alertmanager ratio with which side it favours.
/// </summary>
internal sealed class CompareTable(IReadOnlyList<CompareRow> rows, IReadOnlyDictionary<string, List<SystemResults>> results)
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public IReadOnlyList<CompareRow> Rows => rows;

    public CompareRow Row(string key) => rows.First(r => r.Key == key);

    /// <summary>Null when the system did not run or no run measured the row.</summary>
    public Spread? Of(string key, string system) => Of(Row(key), system);

    public Spread? Of(CompareRow row, string system) =>
        results.TryGetValue(system, out var runs) ? Spread.Of(runs.Select(row.Number)) : null;

    public string Cell(CompareRow row, string system)
    {
        if (row.VigilOnly && system != SystemUnderTest.VigilName)
        {
            return "—";
        }

        if (!results.TryGetValue(system, out var runs) || runs.Count == 0)
        {
            return "pending";
        }

        if (row.Text is { } text)
        {
            // One text when every run says the same ("none"); otherwise each run's, in run order (two runs that
            // sent the same number of probes are two entries, not one).
            var texts = runs.Select(text).OfType<string>().ToList();
            if (texts.Distinct(StringComparer.Ordinal).Count() == 1)
            {
                texts = [texts[0]];
            }
            return texts.Count > 0 ? string.Join(" · ", texts) : Missing(runs);
        }

        return Of(row, system) is { } s ? Show(row, s) : Missing(runs);
    }

    /// <summary>Vigil's median ÷ Alertmanager's, and which is better; "—" when either is missing.</summary>
    public string Ratio(CompareRow row)
    {
        if (row.NoRatio is { } why)
        {
            return why;
        }

        if (row.Text is not null || row.VigilOnly
            || Of(row, SystemUnderTest.VigilName) is not { } v || Of(row, SystemUnderTest.AlertmanagerName) is not { } a || a.Median == 0)
        {
            return "—";
        }

        var ratio = v.Median / a.Median;
        var verdict = row.Better switch
        {
            Better.Neither => "",
            _ when Math.Abs(ratio - 1) < 0.005 => " (same)",
            Better.Higher => ratio > 1 ? " (Vigil better)" : " (AM better)",
            _ => ratio < 1 ? " (Vigil better)" : " (AM better)",
        };
        return string.Create(Ci, $"{Times(ratio)}{verdict}");
    }

    public static string Value(CompareRow row, double value) => value.ToString(row.Format, Ci);

    public static string Times(double ratio) => ratio.ToString(ratio >= 10 ? "F0" : "F2", Ci) + "×";

    private static string Show(CompareRow row, Spread s) => s.Count == 1 || s.Min == s.Max
        ? Value(row, s.Median)
        : $"{Value(row, s.Median)} ({Value(row, s.Min)}–{Value(row, s.Max)})";

    private static string Missing(List<SystemResults> runs) => runs.Any(r => r.Failure is not null) ? "failed" : "n/a";
}
