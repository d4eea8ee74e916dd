using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary><c>vigil plan run|status|runs|pause|resume|retry|skip|abort</c>: plan runs (<c>/api/v1/plans/runs</c>).</summary>
internal static class PlanRunCommands
{
    public static void AddTo(Command plan, ClientOptions client)
    {
        plan.Subcommands.Add(Run(client));
        plan.Subcommands.Add(Status(client));
        plan.Subcommands.Add(Runs(client));
        foreach (var (verb, what) in new[]
        {
            ("pause", "Pause a run between steps (the step in flight finishes)."),
            ("resume", "Resume a paused run (a step that had no data runs again)."),
            ("retry", "After a halt: run the failed step again on the failed host."),
            ("skip", "After a halt: count the failed step as done and go on."),
            ("abort", "Stop a run for good (what is out of the pool stays out)."),
        })
        {
            plan.Subcommands.Add(CommandVerb(client, verb, what));
        }
    }

    private static Command Run(ClientOptions client)
    {
        var target = new Argument<string>("plan") { Description = "a plan file (YAML, read here and sent) or the name of a stored plan" };
        var dryRun = new Option<bool>("--dry-run") { Description = "evaluate every gate against the live state now; change nothing" };
        var follow = new Option<bool>("--follow", "-f") { Description = "draw progress per batch and host until the run ends, halts or pauses" };
        var command = new Command("run", "Run a plan (or dry-run it).") { target, dryRun, follow };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var value = parse.GetValue(target)!;
            var body = File.Exists(value)
                ? new JsonObject { ["yaml"] = await File.ReadAllTextAsync(value, ct) }
                : new JsonObject { ["name"] = value };
            if (parse.GetValue(dryRun))
            {
                body["dryRun"] = true;
            }
            var json = await c.PostJsonAsync("api/v1/plans/runs", body, ct);
            if (client.WantsJson(parse) && !parse.GetValue(follow))
            {
                Console.WriteLine(json);
                return;
            }
            var node = JsonNode.Parse(json)!;
            if (parse.GetValue(dryRun))
            {
                PlanRunView.PrintDryRun(node);
                return;
            }
            var id = node["id"]!.ToString();
            Console.WriteLine($"started run {id}");
            if (parse.GetValue(follow))
            {
                await FollowAsync(c, id, ct);
            }
            else
            {
                PlanRunView.Print(node);
            }
        }));
        return command;
    }

    private static Command Status(ClientOptions client)
    {
        var run = new Argument<string>("run") { Description = "the run's id" };
        var follow = new Option<bool>("--follow", "-f") { Description = "draw progress until the run ends, halts or pauses" };
        var command = new Command("status", "Show a run: state, batch, host, step, each host's step results.") { run, follow };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var id = parse.GetValue(run)!;
            if (parse.GetValue(follow))
            {
                await FollowAsync(c, id, ct);
                return;
            }
            var json = await c.GetAsync("api/v1/plans/runs/" + Uri.EscapeDataString(id), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            PlanRunView.Print(JsonNode.Parse(json)!);
        }));
        return command;
    }

    private static Command Runs(ClientOptions client)
    {
        var command = new Command("runs", "List plan runs, newest first.");
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/plans/runs", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("RUN", "PLAN", "STATE", "BATCH", "HOST", "STEP", "STARTED", "BY");
            foreach (var r in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(Markup.Escape(r!["id"]!.ToString()), Markup.Escape(r["plan"]!.ToString()), PlanRunView.State(r["state"]!.ToString()),
                    $"{r["batch"]}/{r["batches"]}", Markup.Escape(r["host"]?.ToString() ?? "-"), Markup.Escape(r["stepName"]?.ToString() ?? "-"),
                    Markup.Escape(r["createdAt"]!.ToString()), Markup.Escape(r["startedBy"]!.ToString()));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command CommandVerb(ClientOptions client, string verb, string description)
    {
        var run = new Argument<string>("run") { Description = "the run's id" };
        var command = new Command(verb, description) { run };
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.PostJsonAsync($"api/v1/plans/runs/{Uri.EscapeDataString(parse.GetValue(run)!)}/{verb}", new JsonObject(), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var node = JsonNode.Parse(json)!;
            Console.WriteLine($"run {node["id"]}: {node["state"]}");
        }));
        return command;
    }

    /// <summary>The shortest time between two reads of the run while following it.</summary>
    internal static readonly TimeSpan FollowSpacing = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Draws the run until it stops: progress bars per batch and host, redrawn when the run's event stream says it changed,
    /// and a run that stopped other than succeeded fails the command (exit 1), so scripts can tell. Each redraw reads the
    /// whole run (1.2 MB at 500 hosts), so the events of the next moments are taken together: one read per
    /// <see cref="FollowSpacing"/> at most, or per ten times the last read's own time when that is longer (a 500-host run
    /// has ~9,000 events; a read at every one of them was a reader of the whole run as fast as the server could answer).
    /// </summary>
    private static async Task FollowAsync(VigilClient c, string id, CancellationToken ct)
    {
        var path = "api/v1/plans/runs/" + Uri.EscapeDataString(id);
        JsonNode run = JsonNode.Parse(await c.GetAsync(path, ct))!;
        var steps = run["steps"]!.AsArray().Count;
        await AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async progress =>
            {
                var bars = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                void Draw(JsonNode r)
                {
                    foreach (var batch in r["hosts"]!.AsArray().GroupBy(h => h!["batch"]!.GetValue<int>()))
                    {
                        var key = $"batch {batch.Key}";
                        var hosts = batch.ToList();
                        var bar = bars.TryGetValue(key, out var b) ? b : bars[key] = progress.AddTask(key, maxValue: hosts.Count * steps);
                        bar.Value = hosts.Sum(h => h!["nextStep"]!.GetValue<int>());
                        foreach (var h in hosts)
                        {
                            var name = h!["host"]!.ToString();
                            var hb = bars.TryGetValue(name, out var x) ? x : bars[name] = progress.AddTask("  " + name, maxValue: steps);
                            hb.Value = h["nextStep"]!.GetValue<int>();
                            var last = h["results"]!.AsArray().LastOrDefault();
                            hb.Description = Markup.Escape($"  {name}: {h["state"]}{(last is null ? "" : $" · {last["name"]} {last["status"]}")}");
                        }
                    }
                }
                Draw(run);
                if (PlanRunView.Stops(run["state"]!.ToString()))
                {
                    return;
                }
                await using var changes = RunChanges.Watch(c, path + "/events", ct);
                var spacing = FollowSpacing;
                while (await changes.NextAsync(spacing, ct))
                {
                    var began = TimeProvider.System.GetTimestamp();
                    run = JsonNode.Parse(await c.GetAsync(path, ct))!;
                    Draw(run);
                    if (PlanRunView.Stops(run["state"]!.ToString()))
                    {
                        break;
                    }
                    var took = TimeProvider.System.GetElapsedTime(began);
                    spacing = took * 10 > FollowSpacing ? took * 10 : FollowSpacing;
                }
            });
        var final = JsonNode.Parse(await c.GetAsync(path, ct))!;
        PlanRunView.Print(final);
        if (final["state"]!.ToString() is var state and not "succeeded")
        {
            throw new CliException($"run {id} is {state}{(final["pauseReason"] is { } why ? $": {why}" : final["halt"]?["reason"] is { } reason ? $": {reason}" : "")}");
        }
    }
}
