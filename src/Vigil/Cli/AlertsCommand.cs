using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary><c>vigil alerts</c> (list, as amtool alert query) and <c>vigil alerts add</c>.</summary>
internal static class AlertsCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var filter = new Option<string[]>("--filter", "-f") { Description = "matchers, e.g. 'alertname=\"Foo\"' or '{severity=~\"crit.*\"}' (repeatable)" };
        var command = new Command("alerts", "List firing alerts (GET /api/v2/alerts).") { filter };
        client.AddTo(command);
        command.SetAction((parse, ct) => Run(parse, client, async c =>
        {
            var query = string.Join("&", (parse.GetValue(filter) ?? []).Select(f => "filter=" + Uri.EscapeDataString(f)));
            var json = await c.GetAsync("api/v2/alerts" + (query.Length > 0 ? "?" + query : ""), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            PrintTable(json);
        }));
        command.Subcommands.Add(CreateAdd(client));
        return command;
    }

    private static Command CreateAdd(ClientOptions client)
    {
        var name = new Argument<string>("alertname") { Description = "the alert's name (label alertname)" };
        var labels = new Argument<string[]>("labels") { Description = "more labels as name=value", Arity = ArgumentArity.ZeroOrMore };
        var annotations = new Option<string[]>("--annotation", "-a") { Description = "an annotation as name=value (repeatable)" };
        var endsIn = new Option<string?>("--ends-in") { Description = "resolve after this long (e.g. 1h); default: the server's resolve_timeout after the last post" };
        var command = new Command("add", "Post one alert (as amtool alert add).") { name, labels, annotations, endsIn };
        command.SetAction((parse, ct) => Run(parse, client, async c =>
        {
            var alert = new JsonObject
            {
                ["labels"] = ToObject([$"alertname={parse.GetValue(name)}", .. parse.GetValue(labels) ?? []], "label"),
                ["annotations"] = ToObject(parse.GetValue(annotations) ?? [], "annotation"),
            };
            if (parse.GetValue(endsIn) is { } d)
            {
                if (!Vigil.Server.Config.PromDuration.TryParse(d, out var span))
                {
                    throw new CliException($"--ends-in: not a duration: '{d}' (use e.g. 30m, 2h)");
                }
                alert["endsAt"] = TimeProvider.System.GetUtcNow().Add(span).ToString("O");
            }
            await c.PostJsonAsync("api/v2/alerts", new JsonArray(alert), ct);
            Console.WriteLine($"posted alert {parse.GetValue(name)} to {c.BaseUrl}");
        }));
        return command;
    }

    internal static JsonObject ToObject(IEnumerable<string> pairs, string what)
    {
        var o = new JsonObject();
        foreach (var pair in pairs)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException($"{what} '{pair}': expected name=value");
            }
            o[pair[..eq]] = pair[(eq + 1)..].Trim('"');
        }
        return o;
    }

    private static void PrintTable(string json)
    {
        // JsonDocument rather than JsonNode: thousands of alerts read from one pooled buffer, not a tree of objects.
        using var alerts = JsonDocument.Parse(json);
        var table = new PlainTable("Alertname", "Starts At", "State", "Labels", "Summary");
        foreach (var a in alerts.RootElement.EnumerateArray())
        {
            var labels = a.GetProperty("labels");
            table.AddRow(
                Text(labels, "alertname"),
                Text(a, "startsAt"),
                a.TryGetProperty("status", out var status) ? Text(status, "state") : "",
                string.Join(" ", labels.EnumerateObject().Where(l => l.Name != "alertname").Select(l => $"{l.Name}={l.Value}")),
                a.TryGetProperty("annotations", out var annotations) ? Text(annotations, "summary") : "");
        }
        using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
        table.WriteTo(output);
        output.WriteLine($"{table.Count} alert(s)");
    }

    private static string Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v.ToString() : "";

    /// <summary>Runs a client action, turning expected failures into a message and exit code 1.</summary>
    internal static async Task<int> Run(ParseResult parse, ClientOptions client, Func<VigilClient, Task> action)
    {
        try
        {
            using var c = client.CreateClient(parse);
            await action(c);
            return 0;
        }
        catch (CliException e)
        {
            await Console.Error.WriteLineAsync("vigil: " + e.Message);
            return 1;
        }
        catch (JsonException e)
        {
            await Console.Error.WriteLineAsync("vigil: unexpected response: " + e.Message);
            return 1;
        }
    }
}
