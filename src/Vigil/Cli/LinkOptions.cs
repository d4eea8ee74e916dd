using System.CommandLine;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary>The <c>--alert</c>, <c>--page</c>, <c>--window</c> and <c>--plan-run</c> options that link objects to an incident.</summary>
internal sealed class LinkOptions
{
    private readonly Option<string[]> _alerts = new("--alert") { Description = "link an alert by fingerprint (repeatable)", AllowMultipleArgumentsPerToken = false };
    private readonly Option<long[]> _pages = new("--page") { Description = "link a page by id (repeatable)" };
    private readonly Option<string[]> _windows = new("--window") { Description = "link a maintenance window by id (repeatable)" };
    private readonly Option<string[]> _planRuns = new("--plan-run") { Description = "link a plan run by id (repeatable)" };

    public void AddTo(Command command)
    {
        command.Options.Add(_alerts);
        command.Options.Add(_pages);
        command.Options.Add(_windows);
        command.Options.Add(_planRuns);
    }

    public void Fill(ParseResult parse, JsonObject body)
    {
        if (parse.GetValue(_alerts) is { Length: > 0 } alerts) { body["alerts"] = new JsonArray([.. alerts.Select(a => JsonValue.Create(a))]); }
        if (parse.GetValue(_pages) is { Length: > 0 } pages) { body["pages"] = new JsonArray([.. pages.Select(p => JsonValue.Create(p))]); }
        if (parse.GetValue(_windows) is { Length: > 0 } windows) { body["windows"] = new JsonArray([.. windows.Select(w => JsonValue.Create(w))]); }
        if (parse.GetValue(_planRuns) is { Length: > 0 } runs) { body["planRuns"] = new JsonArray([.. runs.Select(r => JsonValue.Create(r))]); }
    }
}
