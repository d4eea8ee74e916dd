using System.CommandLine;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil postmortem ID [--tz ZONE] [--format md|html|json]</c> prints an incident's postmortem, written from the record;
/// <c>--section NAME --text T|--file F</c> keeps a person's text for a section, <c>--section NAME --revert</c> drops it.
/// </summary>
internal static class PostmortemCommand
{
    public static Command Create()
    {
        var client = new ClientOptions();
        var id = IncidentCommand.IdArgument();
        var tz = new Option<string?>("--tz") { Description = "IANA time zone for every time (default UTC), e.g. America/Los_Angeles" };
        var format = new Option<string>("--format") { Description = "md, html or json", DefaultValueFactory = _ => "md" };
        var section = new Option<string?>("--section") { Description = "with --text, --file or --revert: summary, root_cause, resolution or measures" };
        var text = new Option<string?>("--text") { Description = "the section's text, kept across regenerations" };
        var file = new Option<FileInfo?>("--file") { Description = "read the section's text from this file" };
        var revert = new Option<bool>("--revert") { Description = "drop the section's text: it is generated from the record again" };
        var command = new Command("postmortem",
            "Print an incident's postmortem in the seed's sections (GET /api/v1/incidents/ID/postmortem), or keep your own text for one section.")
            { id, tz, format, section, text, file, revert };
        client.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var incident = parse.GetValue(id);
            if (parse.GetValue(section) is { } name)
            {
                var path = $"api/v1/incidents/{incident}/postmortem/sections/{Uri.EscapeDataString(name)}";
                if (parse.GetValue(revert))
                {
                    await c.DeleteAsync(path, ct);
                    Console.WriteLine($"postmortem of incident {incident}: section {name} is generated from the record again");
                    return;
                }
                var body = parse.GetValue(file) is { } f ? await File.ReadAllTextAsync(f.FullName, ct)
                    : parse.GetValue(text) ?? throw new CliException("--section needs --text, --file or --revert");
                await c.PutJsonAsync(path, new JsonObject { ["text"] = body }, ct);
                Console.WriteLine($"postmortem of incident {incident}: section {name} kept as written");
                return;
            }
            var query = "format=" + Uri.EscapeDataString(parse.GetValue(format)!) + (parse.GetValue(tz) is { } zone ? "&tz=" + Uri.EscapeDataString(zone) : "");
            Console.Write(await c.GetAsync($"api/v1/incidents/{incident}/postmortem?{query}", ct));
        }));
        return command;
    }
}
