using System.Text.Json;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;
using Vigil.Server.Security;
using Vigil.Server.Silences;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// <c>/api/v2/silences</c> and <c>/api/v2/silence/{id}</c>, wire-compatible with Alertmanager 0.25 (amtool
/// silence add/query/expire/import/update). Vigil's guardrails answer 400 with a "silence invalid: …" text.
/// </summary>
internal static class SilencesEndpoints
{
    public static void MapAlertmanagerSilences(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v2");
        group.MapPost("/silences", PostSilences);
        group.MapGet("/silences", GetSilences);
        group.MapGet("/silence/{silenceID}", GetSilence);
        group.MapDelete("/silence/{silenceID}", DeleteSilence);
    }

    private static async Task<IResult> PostSilences(HttpContext context, SilenceService silences, ConfigHolder config, CancellationToken ct)
    {
        var (body, tooLarge) = await RequestBody.ReadAsync(context.Request, config, ct);
        if (tooLarge is not null)
        {
            return tooLarge;
        }
        var (candidate, parseError) = SilenceMapper.FromPostable(body);
        if (parseError is not null)
        {
            return parseError.ToResult();
        }
        var (id, error) = await silences.SetAsync(candidate!, CallerOf(context), ct);
        if (error is not null)
        {
            return new AlertmanagerError(error.StatusCode, error.Message, null).ToResult();
        }
        return Results.Text(JsonSerializer.Serialize(new Dictionary<string, string> { ["silenceID"] = id! }) + "\n", "application/json");
    }

    private static async Task GetSilences(HttpContext context, SilenceSet set, TimeProvider clock)
    {
        var filter = new List<Matcher>();
        foreach (var f in context.Request.Query["filter"])
        {
            try
            {
                filter.Add(MatcherParser.Parse(f ?? ""));
            }
            catch (FormatException e)
            {
                await AlertmanagerError.Validation(e.Message).ToResult().ExecuteAsync(context);
                return;
            }
        }
        var now = clock.GetUtcNow();
        var selected = set.All.Where(s => SilenceMapper.MatchesFilter(s, filter)).ToList();
        selected.Sort((a, b) => SilenceMapper.Compare(a, b, now));
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        writer.WriteStartArray();
        foreach (var s in selected)
        {
            SilenceMapper.WriteGettable(writer, s, now);
        }
        writer.WriteEndArray();
    }

    private static async Task GetSilence(HttpContext context, string silenceID, SilenceSet set, TimeProvider clock)
    {
        if (InvalidId(silenceID) is { } invalid)
        {
            await invalid.ExecuteAsync(context);
            return;
        }
        if (set.Get(silenceID) is not { } silence)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        SilenceMapper.WriteGettable(writer, silence, clock.GetUtcNow());
    }

    private static async Task<IResult> DeleteSilence(HttpContext context, string silenceID, SilenceService silences, CancellationToken ct)
    {
        if (InvalidId(silenceID) is { } invalid)
        {
            return invalid;
        }
        var error = await silences.ExpireAsync(silenceID, CallerOf(context), ct);
        return error is null ? Results.Ok() : new AlertmanagerError(error.StatusCode, error.Message, null).ToResult();
    }

    /// <summary>go-swagger's answer for a path id that is not a UUID.</summary>
    private static IResult? InvalidId(string id) =>
        Guid.TryParseExact(id, "D", out _) || Guid.TryParseExact(id, "N", out _)
            ? null
            : new AlertmanagerError(422, $"silenceID in path must be of type uuid: {GoQuote.Quote(id)}", 601).ToResult();

    internal static Caller CallerOf(HttpContext context) =>
        Caller.Of(context) ?? new Caller("unknown", Scope.Read, context.Connection.RemoteIpAddress?.ToString() ?? "");
}
