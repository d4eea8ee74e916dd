using NodaTime;
using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Security;
using static Vigil.Server.Oncall.PeopleEndpoints;

namespace Vigil.Server.Oncall;

/// <summary>
/// iCalendar feeds: <c>/ical/schedules/{name}/{secret}.ics</c> and <c>/ical/people/{name}/{secret}.ics</c>, open (the
/// secret in the URL is the credential; a wrong one is a plain 404), shifts from 30 days back to 90 days ahead; and
/// the admin calls that give their URLs.
/// </summary>
internal static class ICalEndpoints
{
    private static readonly Duration Back = Duration.FromDays(30);
    private static readonly Duration Ahead = Duration.FromDays(90);

    public static void MapICal(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schedules/{name}/ical", async (string name, ConfigHolder config, FeedSecrets secrets, ExternalUrl external, CancellationToken ct) =>
            config.Current.Oncall.FindSchedule(name) is null
                ? NotFound("schedule", name)
                : Json(new System.Text.Json.Nodes.JsonObject { ["url"] = await UrlAsync(external, secrets, "schedules", name, ct) }))
            .RequireScope(Scope.Admin);
        app.MapGet("/api/v1/people/{name}/ical", async (string name, ConfigHolder config, FeedSecrets secrets, ExternalUrl external, CancellationToken ct) =>
            !config.Current.Oncall.People.ContainsKey(name)
                ? NotFound("person", name)
                : Json(new System.Text.Json.Nodes.JsonObject { ["url"] = await UrlAsync(external, secrets, "people", name, ct) }))
            .RequireScope(Scope.Admin);

        app.MapGet("/ical/schedules/{name}/{file}", async (string name, string file, ConfigHolder config, OnCallLookup lookup, FeedSecrets secrets,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (config.Current.Oncall.FindSchedule(name) is null || !await ValidAsync(secrets, "schedules", name, file, ct))
            {
                return Results.NotFound();
            }
            var now = OnCallTime.Of(clock.GetUtcNow());
            var events = (lookup.Shifts(name, now - Back, now + Ahead) ?? [])
                .Select(s => new ICalWriter.Event(name, s, $"On call: {s.Person} ({name})"));
            return Calendar(ICalWriter.Write($"Vigil on-call: {name}", events, now));
        }).AllowAnonymousAccess();
        app.MapGet("/ical/people/{name}/{file}", async (string name, string file, ConfigHolder config, OnCallLookup lookup, FeedSecrets secrets,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (!config.Current.Oncall.People.ContainsKey(name) || !await ValidAsync(secrets, "people", name, file, ct))
            {
                return Results.NotFound();
            }
            var now = OnCallTime.Of(clock.GetUtcNow());
            var events = config.Current.Oncall.Schedules
                .SelectMany(s => (lookup.Shifts(s.Name, now - Back, now + Ahead) ?? []).Where(x => x.Person == name)
                    .Select(x => new ICalWriter.Event(s.Name, x, $"On call: {s.Name}")))
                .OrderBy(e => e.Shift.From);
            return Calendar(ICalWriter.Write($"Vigil on-call: {name}", events, now));
        }).AllowAnonymousAccess();
    }

    internal static async Task<string> UrlAsync(ExternalUrl external, FeedSecrets secrets, string kind, string name, CancellationToken ct) =>
        $"{external.Value.TrimEnd('/')}/ical/{kind}/{Uri.EscapeDataString(name)}/{await secrets.SecretAsync(kind, name, ct)}.ics";

    private static async Task<bool> ValidAsync(FeedSecrets secrets, string kind, string name, string file, CancellationToken ct) =>
        file.EndsWith(".ics", StringComparison.Ordinal) && await secrets.VerifyAsync(kind, name, file[..^4], ct);

    private static IResult Calendar(string text) => Results.Text(text, "text/calendar; charset=utf-8");
}
