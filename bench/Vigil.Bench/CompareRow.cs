namespace Vigil.Bench;

/// <summary>
/// One row of the <c>compare</c> table: a number per run (shown as the median with its spread, and set against
/// Alertmanager's) or, when <see cref="Text"/> is given, a text per run (shown as the distinct texts).
/// </summary>
/// <param name="Key">Names the row for <see cref="CompareTargets"/>.</param>
/// <param name="Format">.NET numeric format of the value, e.g. <c>N0</c> or <c>F2</c>.</param>
/// <param name="VigilOnly">Alertmanager has nothing to measure here: its cell shows "—".</param>
/// <param name="NoRatio">Why the two medians are not comparable (shown instead of the ratio); null when they are.</param>
internal sealed record CompareRow(
    string Key,
    string Metric,
    string Format,
    Better Better,
    Func<SystemResults, double?> Number,
    Func<SystemResults, string?>? Text = null,
    bool VigilOnly = false,
    string? NoRatio = null)
{
    public static CompareRow Note(string key, string metric, Func<SystemResults, string?> text, bool vigilOnly = false) =>
        new(key, metric, "", Better.Neither, _ => null, text, vigilOnly);
}
