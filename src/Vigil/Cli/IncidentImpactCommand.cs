using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil incident impact ID</c> (<c>GET /api/v1/incidents/ID/impact</c>): the peak share of customer-facing checks
/// failing, the customer-minutes lost, and the series as runs of minutes at the same share.
/// </summary>
internal static class IncidentImpactCommand
{
    public static Command Create(ClientOptions client)
    {
        var id = IncidentCommand.IdArgument();
        var command = new Command("impact", "Customer impact measured: failing share per minute, peak, customer-minutes (GET /api/v1/incidents/ID/impact).") { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync($"api/v1/incidents/{parse.GetValue(id)}/impact", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            foreach (var line in Lines(JsonNode.Parse(json)!))
            {
                Console.WriteLine(line);
            }
        }));
        return command;
    }

    /// <summary>A heading, then one line per run of minutes at the same share: <c>07:26–13:26 UTC  100.0 %  (360 min)</c>.</summary>
    public static IEnumerable<string> Lines(JsonNode impact)
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Create(c, $"{impact["from"]} → {impact["to"]}: peak {Percent(impact["peak"]!.GetValue<double>())}, " +
            $"{impact["customerMinutes"]!.GetValue<double>():0.##} customer-minutes over {impact["checks"]} customer-facing check(s)");
        var series = impact["series"]!.AsArray().Select(p => (At: p!["minute"]!.GetValue<DateTimeOffset>(), Share: p["failingShare"]!.GetValue<double>())).ToList();
        for (var i = 0; i < series.Count;)
        {
            var j = i;
            while (j + 1 < series.Count && series[j + 1].Share == series[i].Share)
            {
                j++;
            }
            var minutes = j - i + 1;
            yield return string.Create(c, $"  {series[i].At.UtcDateTime:yyyy-MM-dd HH:mm}–{series[j].At.UtcDateTime.AddMinutes(1):HH:mm} UTC  {Percent(series[i].Share),7}  ({minutes} min)");
            i = j + 1;
        }
    }

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:0.0} %");
}
