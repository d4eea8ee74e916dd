using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil silence add|ls|show|expire|approve</c>. <c>add</c> shows what the silence would mute right now
/// (flagging customer-impact alerts, which wait for a second person's approval) and asks before creating it.
/// </summary>
internal static class SilenceCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var command = new Command("silence", "Create, list, expire and approve silences.");
        client.AddTo(command);
        command.Subcommands.Add(CreateAdd(client));
        command.Subcommands.Add(CreateList(client));
        command.Subcommands.Add(CreateShow(client));
        command.Subcommands.Add(CreateExpire(client));
        command.Subcommands.Add(CreateApprove(client));
        return command;
    }

    private static Command CreateAdd(ClientOptions client)
    {
        var matchers = new Argument<string[]>("matchers") { Description = "matchers such as alertname=Foo or 'host=~\"db-.*\"'", Arity = ArgumentArity.OneOrMore };
        var duration = new Option<string>("--duration", "-d") { Description = "how long it lasts (e.g. 2h; at most the server's silences.max_duration)", DefaultValueFactory = _ => "1h" };
        var comment = new Option<string?>("--comment", "-c") { Description = "why (required)" };
        var author = new Option<string>("--author", "-a") { Description = "who (createdBy)", DefaultValueFactory = _ => Environment.UserName };
        var yes = new Option<bool>("--yes", "-y") { Description = "create without asking for confirmation" };
        var command = new Command("add", "Preview, confirm and create a silence.") { matchers, duration, comment, author, yes };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            if (parse.GetValue(comment) is not { Length: > 0 } why || string.IsNullOrWhiteSpace(why))
            {
                throw new CliException("--comment is required: say why the silence is needed");
            }
            if (!PromDuration.TryParse(parse.GetValue(duration), out var span) || span <= TimeSpan.Zero)
            {
                throw new CliException($"--duration: not a positive duration: '{parse.GetValue(duration)}' (use e.g. 30m, 2h)");
            }
            List<Matcher> parsed;
            try
            {
                parsed = [.. (parse.GetValue(matchers) ?? []).SelectMany(MatcherParser.ParseList)];
            }
            catch (FormatException e)
            {
                throw new CliException(e.Message);
            }
            var preview = JsonNode.Parse(await c.PostJsonAsync("api/v1/silences/preview",
                new JsonObject { ["matchers"] = new JsonArray([.. parsed.Select(m => JsonValue.Create(m.ToString()))]) }, ct))!;
            PrintPreview(preview);
            if (!parse.GetValue(yes) && !Confirm())
            {
                throw new CliException("not created");
            }
            var now = TimeProvider.System.GetUtcNow();
            var body = new JsonObject
            {
                ["matchers"] = new JsonArray([.. parsed.Select(m => (JsonNode)new JsonObject
                {
                    ["name"] = m.Name, ["value"] = m.Value, ["isRegex"] = m.IsRegex, ["isEqual"] = m.IsEqual,
                })]),
                ["startsAt"] = now.ToString("O"),
                ["endsAt"] = now.Add(span).ToString("O"),
                ["createdBy"] = parse.GetValue(author),
                ["comment"] = why,
            };
            var id = JsonNode.Parse(await c.PostJsonAsync("api/v2/silences", body, ct))!["silenceID"]!.ToString();
            Console.WriteLine(id);
            if (preview["needApproval"]!.AsArray().Count > 0 || preview["approvalRequired"]?.GetValue<bool>() == true)
            {
                Console.WriteLine($"customer-impact alerts stay unmuted until someone else runs: vigil silence approve {id}");
            }
        }));
        return command;
    }

    private static Command CreateList(ClientOptions client)
    {
        var expired = new Option<bool>("--expired") { Description = "include expired silences" };
        var command = new Command("ls", "List silences (GET /api/v1/silences).") { expired };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/silences" + (parse.GetValue(expired) ? "?expired=true" : ""), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new PlainTable("ID", "Matchers", "State", "Ends At", "Created By", "Approval", "Comment");
            foreach (var s in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(
                    s!["id"]!.ToString(),
                    string.Join(" ", s["matchers"]!.AsArray().Select(m => m!.ToString())),
                    s["state"]!.ToString(),
                    s["endsAt"]!.ToString(),
                    s["createdBy"]!.ToString(),
                    ApprovalText(s["approval"]!),
                    s["comment"]!.ToString());
            }
            table.WriteTo(Console.Out);
            Console.WriteLine($"{table.Count} silence(s)");
        }));
        return command;
    }

    private static Command CreateShow(ClientOptions client)
    {
        var id = new Argument<string>("id");
        var command = new Command("show", "Show one silence, its approval and the alerts it holds back.") { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/silences/" + Uri.EscapeDataString(parse.GetValue(id)!), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var s = JsonNode.Parse(json)!;
            Console.WriteLine($"ID:         {s["id"]}");
            Console.WriteLine($"Matchers:   {string.Join(" ", s["matchers"]!.AsArray().Select(m => m!.ToString()))}");
            Console.WriteLine($"State:      {s["state"]}");
            Console.WriteLine($"Starts At:  {s["startsAt"]}");
            Console.WriteLine($"Ends At:    {s["endsAt"]}");
            Console.WriteLine($"Created By: {s["createdBy"]} (token {s["createdByIdentity"]})");
            Console.WriteLine($"Comment:    {s["comment"]}");
            Console.WriteLine($"Approval:   {ApprovalText(s["approval"]!)}");
            foreach (var a in s["heldBack"]?.AsArray() ?? [])
            {
                Console.WriteLine($"Held back:  {LabelsText(a!["labels"]!)} (customer impact; not muted until approved)");
            }
        }));
        return command;
    }

    private static Command CreateExpire(ClientOptions client)
    {
        var ids = new Argument<string[]>("ids") { Arity = ArgumentArity.OneOrMore };
        var command = new Command("expire", "Expire silences now (DELETE /api/v2/silence/{id}).") { ids };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            foreach (var id in parse.GetValue(ids) ?? [])
            {
                await c.DeleteAsync("api/v2/silence/" + Uri.EscapeDataString(id), ct);
                Console.WriteLine($"expired {id}");
            }
        }));
        return command;
    }

    private static Command CreateApprove(ClientOptions client)
    {
        var id = new Argument<string>("id");
        var command = new Command("approve", "Approve a silence created by someone else, so it mutes customer-impact alerts too.") { id };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var s = JsonNode.Parse(await c.PostJsonAsync($"api/v1/silences/{Uri.EscapeDataString(parse.GetValue(id)!)}/approve", new JsonObject(), ct))!;
            Console.WriteLine($"approved {s["id"]} as {s["approval"]!["approvedBy"]}");
        }));
        return command;
    }

    private static void PrintPreview(JsonNode preview)
    {
        var muted = preview["mutedAtOnce"]!.AsArray();
        var held = preview["needApproval"]!.AsArray();
        Console.WriteLine($"Silence {string.Join(" ", preview["matchers"]!.AsArray().Select(m => m!.ToString()))} would mute {muted.Count + held.Count} firing alert(s) now:");
        var table = new Table().AddColumns("Fingerprint", "Labels", "Customer impact", "Muted");
        foreach (var a in muted)
        {
            table.AddRow(Markup.Escape(a!["fingerprint"]!.ToString()), Markup.Escape(LabelsText(a["labels"]!)), "", "at once");
        }
        foreach (var a in held)
        {
            table.AddRow(Markup.Escape(a!["fingerprint"]!.ToString()), Markup.Escape(LabelsText(a["labels"]!)), "[red]YES[/]", "after a second person approves");
        }
        AnsiConsole.Write(table);
        if (held.Count > 0)
        {
            Console.WriteLine($"{held.Count} customer-impact alert(s) ({preview["customerLabel"]}) keep notifying until someone else approves this silence.");
        }
    }

    private static bool Confirm()
    {
        if (Console.IsInputRedirected)
        {
            throw new CliException("no terminal to confirm on: pass --yes to create the silence without asking");
        }
        Console.Write("Create this silence? [y/N] ");
        var answer = Console.ReadLine()?.Trim();
        return answer is "y" or "Y" or "yes" or "Yes";
    }

    private static string ApprovalText(JsonNode approval) =>
        approval["approvedBy"] is { } by ? $"approved by {by}"
        : approval["required"]?.GetValue<bool>() == true ? "needed for customer-impact alerts" : "not needed";

    private static string LabelsText(JsonNode labels) =>
        "{" + string.Join(", ", labels.AsObject().Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}
