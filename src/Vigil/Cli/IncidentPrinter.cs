using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>How <c>vigil incident show</c> prints an incident for a person: header, roles, times, links, timeline.</summary>
internal static class IncidentPrinter
{
    public static void Print(JsonNode i)
    {
        Console.WriteLine($"Incident {i["id"]}: {i["title"]}");
        Console.WriteLine($"  {i["severity"]}, {i["status"]}, opened {i["openedAt"]} by {i["openedBy"]}" + (i["resolvedAt"] is { } r ? $", resolved {r}" : ""));
        foreach (var (role, person) in i["roles"]!.AsObject())
        {
            Console.WriteLine($"  {role}: {person}");
        }
        foreach (var (name, label) in new[] { ("summary", "Summary"), ("rootCause", "Root cause"), ("customerImpact", "Customer impact") })
        {
            if (i[name]?.ToString() is { Length: > 0 } text)
            {
                Console.WriteLine($"  {label}: {text}");
            }
        }
        var times = new Table().AddColumns("Time", "At", "Origin");
        foreach (var (name, t) in i["times"]!.AsObject())
        {
            times.AddRow(Markup.Escape(name), Markup.Escape(t?["at"]?.ToString() ?? "-"), Markup.Escape(t?["origin"]?.ToString() ?? ""));
        }
        AnsiConsole.Write(times);
        foreach (var a in i["alerts"]!.AsArray())
        {
            Console.WriteLine($"  alert {a!["fingerprint"]} {a["alertname"]}" + (a["customer"]!.GetValue<bool>() ? " (customer)" : ""));
        }
        foreach (var p in i["pages"]!.AsArray())
        {
            Console.WriteLine($"  page {p!["id"]} {p["state"]}: {p["title"]}");
        }
        var timeline = new Table().AddColumns("At", "Source", "Actor", "What");
        foreach (var e in i["timeline"]!.AsArray())
        {
            timeline.AddRow(Markup.Escape(e!["at"]!.ToString()), Markup.Escape(e["source"]!.ToString()), Markup.Escape(e["actor"]!.ToString()), Markup.Escape(e["text"]!.ToString()));
        }
        AnsiConsole.Write(timeline);
    }
}
