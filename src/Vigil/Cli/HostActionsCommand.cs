using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil hosts action HOST ACTION --reason R [--expires 60s] [--wait]</c> asks a host's agent for an allow-listed
/// action; <c>vigil hosts actions HOST [ID]</c> shows the host's requests, or one with its history.
/// </summary>
internal static class HostActionsCommand
{
    public static Command CreateRequest(ClientOptions client)
    {
        var host = new Argument<string>("HOST") { Description = "the host whose agent is asked" };
        var action = new Argument<string>("ACTION") { Description = "an action named in that agent's agent.yaml actions:, e.g. mount-all" };
        var reason = new Option<string>("--reason") { Description = "why (kept in the audit log and the agent's log)", Required = true };
        var expires = new Option<string?>("--expires") { Description = "how long the request is valid if the agent has not taken it up (default agent_actions.default_expiry, 60s; at most 10m)" };
        var wait = new Option<bool>("--wait") { Description = "wait for the outcome; exit 1 unless it succeeded" };
        var timeout = new Option<string>("--timeout") { Description = "with --wait: how long to wait, e.g. 20m", DefaultValueFactory = _ => "15m" };
        var command = new Command("action", "Ask a host's agent for one of its allow-listed actions (signed, expiring, run at most once).")
        {
            host, action, reason, expires, wait, timeout,
        };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var path = $"api/v1/hosts/{Uri.EscapeDataString(parse.GetValue(host)!)}/actions";
            var body = new JsonObject { ["action"] = parse.GetValue(action), ["reason"] = parse.GetValue(reason), ["expiresIn"] = parse.GetValue(expires) };
            var created = JsonNode.Parse(await c.PostJsonAsync(path, body, ct))!;
            var id = created["id"]!.ToString();
            if (!parse.GetValue(wait))
            {
                Print(client, parse, created.ToJsonString(), $"requested {id}: {created["state"]}");
                return;
            }
            if (ParseDuration(parse.GetValue(timeout)!) is not { } limit)
            {
                throw new CliException($"--timeout: not a duration such as 15m: '{parse.GetValue(timeout)}'");
            }
            var deadline = TimeProvider.System.GetTimestamp() + (long)(limit.TotalSeconds * TimeProvider.System.TimestampFrequency);
            JsonNode detail;
            do
            {
                detail = JsonNode.Parse(await c.GetAsync($"{path}/{id}?wait=25s", ct))!;
            }
            while (!Finished(detail["action"]!["state"]!.ToString()) && TimeProvider.System.GetTimestamp() < deadline);
            var view = detail["action"]!;
            Print(client, parse, detail.ToJsonString(), Line(view));
            if (view["state"]!.ToString() != "succeeded")
            {
                throw new CliException(Finished(view["state"]!.ToString()) ? $"action {id} {view["state"]}" : $"action {id} is still {view["state"]} after {parse.GetValue(timeout)}");
            }
        }));
        return command;
    }

    public static Command CreateList(ClientOptions client)
    {
        var host = new Argument<string>("HOST") { Description = "the host" };
        var id = new Argument<string?>("ID") { Description = "one request: its outcome and history", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("actions", "Show a host's action requests, or one request with its history.") { host, id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var path = $"api/v1/hosts/{Uri.EscapeDataString(parse.GetValue(host)!)}/actions";
            if (parse.GetValue(id) is { } one)
            {
                var json = await c.GetAsync($"{path}/{Uri.EscapeDataString(one)}", ct);
                var detail = JsonNode.Parse(json)!;
                Print(client, parse, json, Line(detail["action"]!));
                if (!client.WantsJson(parse))
                {
                    var events = new Table().AddColumns("AT", "EVENT", "BY", "DETAIL");
                    foreach (var e in detail["events"]!.AsArray())
                    {
                        events.AddRow(Markup.Escape(Text(e!["at"])), Markup.Escape(Text(e["kind"])), Markup.Escape(Text(e["actor"])), Markup.Escape(Text(e["detail"])));
                    }
                    AnsiConsole.Write(events);
                }
                return;
            }
            var list = await c.GetAsync(path, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(list);
                return;
            }
            var table = new Table().AddColumns("ID", "ACTION", "STATE", "REQUESTED", "BY", "DETAIL");
            foreach (var a in JsonNode.Parse(list)!.AsArray())
            {
                table.AddRow(Markup.Escape(Text(a!["id"])), Markup.Escape(Text(a["action"])), Markup.Escape(Text(a["state"])),
                    Markup.Escape(Text(a["requestedAt"])), Markup.Escape(Text(a["requestedBy"])), Markup.Escape(Text(a["detail"])));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static bool Finished(string state) => state is "succeeded" or "failed" or "refused" or "expired";

    private static string Line(JsonNode a)
    {
        var exit = a["exitCode"] is { } code ? $", exit code {code}" : "";
        var boot = a["newBootId"] is { } b ? $", new boot id {b}" : "";
        return $"{a["id"]} {a["action"]} on {a["host"]}: {a["state"]}{exit}{boot}" + (a["detail"] is { } d ? $" — {d}" : "");
    }

    private static void Print(ClientOptions client, ParseResult parse, string json, string line) =>
        Console.WriteLine(client.WantsJson(parse) ? json : line);

    private static TimeSpan? ParseDuration(string text) =>
        Vigil.Server.Config.PromDuration.TryParse(text, out var d) && d > TimeSpan.Zero ? d : null;

    private static string Text(JsonNode? node) => node?.ToString() ?? "";
}
