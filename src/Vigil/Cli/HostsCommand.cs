using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil hosts</c> lists the hosts; <c>vigil host NAME</c> shows one: its checks and reboots. <c>vigil hosts action</c>
/// and <c>vigil hosts actions</c> are in <see cref="HostActionsCommand"/>.
/// </summary>
internal static class HostsCommand
{
    public static Command CreateList()
    {
        var client = new ClientOptions();
        var command = new Command("hosts", "List the hosts whose agents report: state, boot, failing checks, reboot allowance.");
        client.AddTo(command);
        command.Subcommands.Add(HostActionsCommand.CreateRequest(client));
        command.Subcommands.Add(HostActionsCommand.CreateList(client));
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/hosts", ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var table = new Table().AddColumns("HOST", "STATE", "LAST REPORT", "UPTIME", "FAILING", "REBOOT ALLOWANCE");
            foreach (var h in JsonNode.Parse(json)!.AsArray())
            {
                table.AddRow(Text(h!["host"]), Text(h["state"]), $"{Seconds(h["silentSeconds"])} ago", Seconds(h["uptimeSeconds"]),
                    $"{h["failing"]}/{h["checks"]}", Seconds(h["rebootAllowanceSeconds"]));
            }
            AnsiConsole.Write(table);
        }));
        return command;
    }

    public static Command CreateShow()
    {
        var client = new ClientOptions();
        var name = new Argument<string>("NAME") { Description = "the host" };
        var command = new Command("host", "Show one host: its checks and its reboots.") { name };
        client.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/hosts/" + Uri.EscapeDataString(parse.GetValue(name)!), ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var detail = JsonNode.Parse(json)!;
            var s = detail["summary"]!;
            Console.WriteLine($"{s["host"]}: {s["state"]}, boot {s["bootId"]}, up {Seconds(s["uptimeSeconds"])}, last report {Seconds(s["silentSeconds"])} ago, reboot allowance {Seconds(s["rebootAllowanceSeconds"])}");
            var checks = new Table().AddColumns("CHECK", "SUBJECT", "RESULT", "MESSAGE");
            foreach (var check in detail["checks"]!.AsArray())
            {
                var subject = string.Join(",", check!["subject"]!.AsObject().Select(p => $"{p.Key}={p.Value}"));
                var passed = check["passed"]!.GetValue<bool>();
                checks.AddRow(Markup.Escape(Text(check["check"])), Markup.Escape(subject), passed ? "[green]pass[/]" : "[red]FAIL[/]", Markup.Escape(Text(check["message"])));
            }
            AnsiConsole.Write(checks);
            var reboots = new Table().AddColumns("REBOOTED AT", "DURATION", "VERIFIED");
            foreach (var r in detail["reboots"]!.AsArray())
            {
                reboots.AddRow(Text(r!["firstReportAfter"]), Seconds(r["durationSeconds"]), r["verifiedAt"] is { } v ? Text(v) : "[red]not yet[/]");
            }
            AnsiConsole.Write(reboots);
        }));
        return command;
    }

    private static string Text(JsonNode? node) => node?.ToString() ?? "";

    private static string Seconds(JsonNode? node)
    {
        var s = node?.GetValue<double>() ?? 0;
        return s >= 3600 ? $"{(int)(s / 3600)}h{(int)(s % 3600 / 60):00}m" : s >= 60 ? $"{(int)(s / 60)}m{(int)(s % 60):00}s" : s.ToString("0.#", CultureInfo.InvariantCulture) + "s";
    }
}
