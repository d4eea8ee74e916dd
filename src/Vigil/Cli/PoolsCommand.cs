using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil pools [NAME]</c>: each pool's members as HAProxy sees them in every instance, their hosts' agents,
/// and whether they count as healthy (<c>/api/v1/pools</c>, read live).
/// </summary>
internal static class PoolsCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var name = new Argument<string?>("name") { Description = "show one pool", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("pools", "Show pools: each member's HAProxy state per instance, its agent, and whether it is healthy.") { name };
        client.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var one = parse.GetValue(name);
            var json = await c.GetAsync(one is null ? "api/v1/pools" : "api/v1/pools/" + Uri.EscapeDataString(one), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var node = JsonNode.Parse(json)!;
            List<JsonNode> pools = one is null ? [.. node.AsArray().Select(p => p!)] : [node];
            if (pools.Count == 0)
            {
                Console.WriteLine("no pools configured (pools: in vigil.yaml)");
            }
            foreach (var pool in pools)
            {
                Print(pool);
            }
        }));
        return command;
    }

    private static void Print(JsonNode pool)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(Text(pool["name"]))}[/] (backend {Markup.Escape(Text(pool["backend"]))}): "
            + (pool["readable"]!.GetValue<bool>() ? "" : "[red]") + Markup.Escape(Text(pool["summary"])) + (pool["readable"]!.GetValue<bool>() ? "" : "[/]"));
        var instances = pool["instances"]!.AsArray();
        if (instances.Count > 1)
        {
            // The HAPROXY and SESSIONS columns list the instances in this order.
            AnsiConsole.MarkupLine($"  HAProxy instances: {Markup.Escape(string.Join(" | ", instances.Select(i => Text(i!["instance"]))))}");
        }
        foreach (var instance in instances)
        {
            if (instance!["error"] is { } error)
            {
                AnsiConsole.MarkupLine($"  [red]HAProxy unreachable:[/] {Markup.Escape(error.ToString())}");
            }
        }
        var table = new Table().AddColumns("SERVER", "HOST", "HAPROXY", "SESSIONS", "AGENT", "HEALTHY", "WHY NOT");
        foreach (var m in pool["members"]!.AsArray())
        {
            var haproxy = m!["haproxy"]!.AsArray().Select(h => h!["error"] is not null ? "[red]unreachable[/]" : Status(Text(h["statusText"]), Text(h["checkStatus"])));
            var sessions = m["haproxy"]!.AsArray().Select(h => h!["sessions"]?.ToString() ?? "-");
            var agent = m["agent"]!;
            var agentText = Text(agent["state"]) switch
            {
                "passing" => "[green]passing[/]",
                "no_report" => "[red]no report[/]",
                var s => $"[red]{Markup.Escape(s)}[/]",
            };
            var healthy = m["healthy"]!.GetValue<bool>();
            table.AddRow(Markup.Escape(Text(m["server"])), Markup.Escape(Text(m["host"])), string.Join(" | ", haproxy), string.Join(" | ", sessions), agentText,
                healthy ? "[green]yes[/]" : "[red]no[/]", Markup.Escape(string.Join("; ", m["reasons"]!.AsArray().Select(r => r!.ToString()))));
        }
        AnsiConsole.Write(table);
    }

    private static string Status(string status, string check)
    {
        var colour = status == "UP" || status == "no check" ? "green" : status.StartsWith("UP", StringComparison.Ordinal) || status is "DRAIN" or "NOLB" ? "yellow" : "red";
        return $"[{colour}]{Markup.Escape(status)}[/]" + (check.Length > 0 ? $" ({Markup.Escape(check)})" : "");
    }

    private static string Text(JsonNode? node) => node?.ToString() ?? "";
}
