using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vigil.Server.Config;
using Vigil.Server.Plans;

namespace Vigil.Cli;

/// <summary><c>vigil plan validate|ls|show|add|rm</c>: plan definitions (<c>/api/v1/plans</c>).</summary>
internal static class PlanDefinitionCommands
{
    public static void AddTo(Command plan, ClientOptions client)
    {
        plan.Subcommands.Add(Validate(client));
        plan.Subcommands.Add(List(client));
        plan.Subcommands.Add(Show(client));
        plan.Subcommands.Add(Add(client));
        plan.Subcommands.Add(Remove(client));
    }

    private static Command Validate(ClientOptions client)
    {
        var files = new Argument<string[]>("FILE") { Description = "plan files", Arity = ArgumentArity.OneOrMore };
        var server = new Option<bool>("--server") { Description = "also check against the server's live configuration (pools, probes, people, schedules)" };
        var command = new Command("validate", "Check plan files: syntax and step order offline; with --server also what they name. Exit 0 valid, 1 invalid.") { files, server };
        command.SetAction(async (parse, ct) =>
        {
            var valid = true;
            var json = new JsonArray();
            foreach (var file in parse.GetValue(files)!)
            {
                var (errors, warnings) = await CheckFileAsync(file, parse, client, parse.GetValue(server), ct);
                valid &= errors.Count == 0;
                if (client.WantsJson(parse))
                {
                    json.Add(new JsonObject { ["file"] = file, ["valid"] = errors.Count == 0, ["errors"] = Lines(errors), ["warnings"] = Lines(warnings) });
                    continue;
                }
                foreach (var line in errors)
                {
                    Console.WriteLine(line);
                }
                foreach (var line in warnings)
                {
                    Console.WriteLine(line);
                }
                if (errors.Count == 0)
                {
                    Console.WriteLine($"{file}: OK");
                }
            }
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json.ToJsonString());
            }
            return valid ? 0 : 1;
        });
        return command;
    }

    /// <summary>The problems of one file as <c>FILE:LINE: key: reason</c> (warnings with <c>warning:</c> before the reason).</summary>
    private static async Task<(List<string> Errors, List<string> Warnings)> CheckFileAsync(string file, ParseResult parse, ClientOptions client, bool server, CancellationToken ct)
    {
        string yaml;
        try
        {
            yaml = await File.ReadAllTextAsync(file, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ([$"{file}: cannot read: {e.Message}"], []);
        }
        PlanDefinition plan;
        try
        {
            plan = PlanReader.Read(yaml, file);
        }
        catch (ConfigException e)
        {
            return ([e.Message], []);
        }
        if (!server)
        {
            var check = PlanValidator.CheckStructure(plan);
            return ([.. check.Errors.Select(p => p.ToString())], [.. check.Warnings.Select(p => Warning(p.ToString(), p.Reason))]);
        }
        try
        {
            using var c = client.CreateClient(parse);
            var answer = JsonNode.Parse(await c.PostJsonAsync("api/v1/plans/validate", new JsonObject { ["yaml"] = yaml }, ct))!;
            string At(JsonNode p) => Located(file, p["line"]!.GetValue<int>(), p["key"]!.ToString(), p["reason"]!.ToString());
            return ([.. answer["errors"]!.AsArray().Select(p => At(p!))], [.. answer["warnings"]!.AsArray().Select(p => Warning(At(p!), p!["reason"]!.ToString()))]);
        }
        catch (CliException e)
        {
            return ([$"{file}: cannot check against the server: {e.Message}"], []);
        }
    }

    private static Command List(ClientOptions client)
    {
        var command = new Command("ls", "List plans: from the configuration and stored through the API.");
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/plans", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var plans = JsonNode.Parse(json)!.AsArray();
            if (plans.Count == 0)
            {
                Console.WriteLine("no plans (plans.definitions in vigil.yaml, or vigil plan add FILE)");
                return;
            }
            var table = new Table().AddColumns("NAME", "SOURCE", "HOSTS", "SERIAL", "STEPS", "DESCRIPTION");
            foreach (var p in plans)
            {
                table.AddRow(Cell(p!["name"]), Cell(p["source"]), Cell(p["hosts"]), Cell(p["serial"]), Cell(p["steps"]),
                    p["error"] is { } error ? $"[red]{Markup.Escape(error.ToString())}[/]" : Cell(p["description"]));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command Show(ClientOptions client)
    {
        var name = new Argument<string>("NAME") { Description = "the plan" };
        var command = new Command("show", "Show a plan: its hosts, batches, window, steps and YAML.") { name };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/plans/" + Uri.EscapeDataString(parse.GetValue(name)!), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var plan = JsonNode.Parse(json)!;
            Console.WriteLine($"{plan["name"]} ({plan["source"]}{(plan["createdBy"] is { } by ? $", added by {by} at {plan["createdAt"]}" : "")})");
            Console.WriteLine($"  hosts: {plan["hosts"]}  serial: {plan["serial"]}  max_fail: {plan["maxFail"]}");
            if (plan["window"] is { } w)
            {
                Console.WriteLine($"  window: watcher {w["watcher"]}, backup {w["backup"]}{(w["schedule"] is { } s ? $", schedule {s}" : "")}");
            }
            var table = new Table().AddColumns("#", "STEP", "TIMEOUT", "OPTIONS");
            var i = 0;
            foreach (var step in plan["stepList"]?.AsArray() ?? [])
            {
                var options = step!["matchers"] is { } m ? "matchers " + string.Join(", ", m.AsArray().Select(x => x!.ToString())) + (step["hostScoped"] is not null ? " (host scoped)" : "")
                    : step["duration"] is { } d ? "duration " + d : "";
                table.AddRow((i++).ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(step["text"]), Cell(step["timeout"]), Markup.Escape(options));
            }
            AnsiConsole.Write(table);
            Console.WriteLine();
            Console.Write(plan["yaml"]?.ToString());
        }));
        return command;
    }

    private static Command Add(ClientOptions client)
    {
        var file = new Argument<string>("FILE") { Description = "the plan file" };
        var replace = new Option<bool>("--replace") { Description = "replace a stored plan of the same name" };
        var command = new Command("add", "Store a plan on the server (checked against its configuration), runnable by name.") { file, replace };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var path = parse.GetValue(file)!;
            string yaml;
            try
            {
                yaml = await File.ReadAllTextAsync(path, ct);
                PlanReader.Read(yaml, path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{path}: cannot read: {e.Message}");
            }
            catch (ConfigException e)
            {
                throw new CliException(e.Message);
            }
            var json = await c.PostJsonAsync("api/v1/plans" + (parse.GetValue(replace) ? "?replace=true" : ""), new JsonObject { ["yaml"] = yaml }, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var plan = JsonNode.Parse(json)!;
            foreach (var w in plan["warnings"]?.AsArray() ?? [])
            {
                Console.WriteLine(Warning(Located(path, w!["line"]!.GetValue<int>(), w["key"]!.ToString(), w["reason"]!.ToString()), w["reason"]!.ToString()));
            }
            Console.WriteLine($"added plan {plan["name"]} ({plan["steps"]} steps over {plan["hosts"]})");
        }));
        return command;
    }

    private static Command Remove(ClientOptions client)
    {
        var name = new Argument<string>("NAME") { Description = "a plan stored through the API" };
        var command = new Command("rm", "Delete a stored plan (plans from the configuration are removed there).") { name };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            await c.DeleteAsync("api/v1/plans/" + Uri.EscapeDataString(parse.GetValue(name)!), ct);
            Console.WriteLine($"removed plan {parse.GetValue(name)}");
        }));
        return command;
    }

    private static string Located(string file, int line, string key, string reason) =>
        (line > 0 ? $"{file}:{line}" : file) + (key.Length > 0 ? $": {key}" : "") + ": " + reason;

    private static string Warning(string located, string reason) =>
        located[..^reason.Length] + "warning: " + reason;

    private static JsonArray Lines(IEnumerable<string> lines) => new([.. lines.Select(l => (JsonNode)l)]);

    private static string Cell(JsonNode? node) => Markup.Escape(node?.ToString() ?? "");
}
