using System.Globalization;
using Vigil.Server.Config;

namespace Vigil.Drill.Scenarios;

/// <summary>
/// Reads <c>expect:</c> — measure: value. A bare value is an upper bound for what is lost or waited for
/// (<c>customer_minutes_lost: 0</c>, <c>first_page_within: 15s</c>) and exact for counts; an operator can be written
/// (<c>pages_sent: "&gt;= 1"</c>).
/// </summary>
internal static class ExpectReader
{
    private static readonly Dictionary<string, Measure> Measures = Enum.GetValues<Measure>().ToDictionary(Expectation.KeyOf, m => m, StringComparer.Ordinal);

    public static IReadOnlyList<Expectation> Read(YamlCursor? node)
    {
        var result = new List<Expectation>();
        foreach (var (key, value) in node?.Entries() ?? [])
        {
            if (!Measures.TryGetValue(key, out var measure))
            {
                throw value.Error($"not a measure the report has (one of {string.Join(", ", Measures.Keys)})");
            }
            var text = value.Text().Trim();
            var op = new[] { "<=", ">=", "==", "<", ">" }.FirstOrDefault(text.StartsWith);
            var rest = op is null ? text : text[op.Length..].Trim();
            op ??= measure is Measure.PagesSent or Measure.IncidentsOpened ? "==" : "<=";
            double number;
            if (Expectation.IsDuration(measure))
            {
                number = PromDuration.TryParse(rest, out var d) ? d.TotalSeconds : throw value.Error($"not a duration: \"{rest}\"");
            }
            else if (!double.TryParse(rest, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                throw value.Error($"not a number: \"{rest}\"");
            }
            result.Add(new Expectation(measure, op, number, rest, value.Line));
        }
        return result;
    }
}
