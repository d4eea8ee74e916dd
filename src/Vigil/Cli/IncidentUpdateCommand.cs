using System.CommandLine;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary><c>vigil incident update ID [--status S] [--severity S] [--summary …] [--time mitigatedAt=RFC3339 …] [--alert FP …] [--public TEXT [--component C …]]</c>.</summary>
internal static class IncidentUpdateCommand
{
    public static Command Create(ClientOptions client)
    {
        var id = IncidentCommand.IdArgument();
        var title = new Option<string?>("--title") { Description = "a new title" };
        var status = new Option<string?>("--status") { Description = "investigating, identified or monitoring" };
        var severity = new Option<string?>("--severity", "-s") { Description = "SEV1 to SEV4" };
        var summary = new Option<string?>("--summary") { Description = "the summary" };
        var rootCause = new Option<string?>("--root-cause") { Description = "the root cause" };
        var impact = new Option<string?>("--customer-impact") { Description = "what customers saw" };
        var times = new Option<string[]>("--time") { Description = "correct a time: FIELD=RFC3339 (e.g. mitigatedAt=2026-05-11T11:30:00Z), FIELD= drops a correction (repeatable)" };
        var reason = new Option<string?>("--reason") { Description = "why the times are corrected (on the timeline)" };
        var publicText = new Option<string?>("--public") { Description = "an update written for customers: makes the incident public on /status (POST /api/v1/incidents/ID/public-updates)" };
        var components = new Option<string[]>("--component") { Description = "a status page component the public update is about (repeatable)" };
        var links = new LinkOptions();
        var command = new Command("update", "Change an incident's status, severity, texts or times, link objects (PATCH /api/v1/incidents/ID), or post a public update (--public).")
        {
            id, title, status, severity, summary, rootCause, impact, times, reason, publicText, components,
        };
        links.AddTo(command);
        command.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var body = new JsonObject();
            IncidentCommand.Set(body, "title", parse.GetValue(title));
            IncidentCommand.Set(body, "status", parse.GetValue(status));
            IncidentCommand.Set(body, "severity", parse.GetValue(severity));
            IncidentCommand.Set(body, "summary", parse.GetValue(summary));
            IncidentCommand.Set(body, "rootCause", parse.GetValue(rootCause));
            IncidentCommand.Set(body, "customerImpact", parse.GetValue(impact));
            IncidentCommand.Set(body, "reason", parse.GetValue(reason));
            if (parse.GetValue(times) is { Length: > 0 } given)
            {
                var map = new JsonObject();
                foreach (var t in given)
                {
                    var eq = t.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new CliException($"--time: expected FIELD=RFC3339 such as mitigatedAt=2026-05-11T11:30:00Z, got '{t}'");
                    }
                    map[t[..eq]] = eq == t.Length - 1 ? null : t[(eq + 1)..];
                }
                body["times"] = map;
            }
            links.Fill(parse, body);
            // A public update alone changes nothing else; with other changes, they are made first so its status is the new one.
            if (parse.GetValue(publicText) is null || body.Count > 0)
            {
                IncidentCommand.Print(parse, client, await c.PatchJsonAsync($"api/v1/incidents/{parse.GetValue(id)}", body, ct),
                    i => $"incident {i["id"]}: {i["severity"]} {i["status"]} — {i["title"]}");
            }
            if (parse.GetValue(publicText) is { } update)
            {
                var post = new JsonObject { ["body"] = update };
                if (parse.GetValue(components) is { Length: > 0 } named)
                {
                    post["components"] = new JsonArray([.. named.Select(n => (JsonNode)n)]);
                }
                IncidentCommand.Print(parse, client, await c.PostJsonAsync($"api/v1/incidents/{parse.GetValue(id)}/public-updates", post, ct),
                    u => $"incident {u["incident"]}: public update posted ({u["status"]}) — on /status");
            }
        }));
        return command;
    }
}
