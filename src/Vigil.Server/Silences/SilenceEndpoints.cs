using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Labels;
using Vigil.Server.Security;

namespace Vigil.Server.Silences;

/// <summary>
/// Vigil's native silence API: <c>GET /api/v1/silences[?expired=true]</c>, <c>GET /api/v1/silences/{id}</c>
/// (with approval and the alerts held back), <c>POST /api/v1/silences/{id}/approve</c> and
/// <c>POST /api/v1/silences/preview</c>. Creating, updating and expiring go through the Alertmanager API.
/// </summary>
internal static class SilenceEndpoints
{
    public static void MapNativeSilences(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/silences");
        group.MapGet("", List);
        group.MapGet("/{id}", Show);
        group.MapPost("/{id}/approve", Approve);
        group.MapPost("/preview", Preview).RequireScope(Scope.Read);
    }

    private static IResult List(bool? expired, SilenceSet set, ConfigHolder config, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var customer = config.Current.Silences.CustomerLabel;
        var selected = set.All
            .Where(s => expired == true || SilenceRules.StateAt(s, now) != SilenceState.Expired)
            .OrderBy(s => s, Comparer<Silence>.Create((a, b) => SilenceMapper.Compare(a, b, now)));
        return Results.Json(new JsonArray([.. selected.Select(s => (JsonNode)SilenceJson.ToJson(s, now, customer))]));
    }

    private static IResult Show(string id, SilenceSet set, AlertState alerts, ConfigHolder config, TimeProvider clock)
    {
        if (set.Get(id) is not { } silence)
        {
            return Results.Problem(detail: $"silence {id} not found", statusCode: 404);
        }
        var now = clock.GetUtcNow();
        return Results.Json(SilenceJson.ToJson(silence, now, config.Current.Silences.CustomerLabel, set.HeldBack(silence, alerts.All, now)));
    }

    private static async Task<IResult> Approve(string id, HttpContext context, SilenceService silences, ConfigHolder config, TimeProvider clock, CancellationToken ct)
    {
        var (approved, error) = await silences.ApproveAsync(id, SilencesEndpoints.CallerOf(context), ct);
        if (error is not null)
        {
            return Results.Problem(detail: error.Message, statusCode: error.StatusCode);
        }
        return Results.Json(SilenceJson.ToJson(approved!, clock.GetUtcNow(), config.Current.Silences.CustomerLabel));
    }

    /// <summary>Body: <c>{"matchers": ["alertname=Foo", …]}</c> (strings) or Alertmanager matcher objects.</summary>
    private static async Task<IResult> Preview(HttpRequest request, AlertState alerts, ConfigHolder config, TimeProvider clock, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, config, ct);
        if (problem is not null)
        {
            return problem;
        }
        var (matchers, error) = ReadPreviewMatchers(body!);
        if (error is not null)
        {
            return Results.Problem(detail: error, statusCode: 400);
        }
        var now = clock.GetUtcNow();
        var options = config.Current.Silences;
        var probe = new Silence("preview", matchers!, now, now + TimeSpan.FromMinutes(1), now, "preview", "preview", "preview");
        if (SilenceRules.Validate(probe, options) is { } invalid)
        {
            return Results.Problem(detail: invalid, statusCode: 400);
        }
        var preview = SilencePreview.For(matchers!, alerts.All, now, options.CustomerLabel);
        return Results.Json(new JsonObject
        {
            ["matchers"] = new JsonArray([.. matchers!.Select(m => JsonValue.Create(m.ToString()))]),
            ["approvalRequired"] = SilenceRules.NeedsApproval(probe, options.CustomerLabel),
            ["customerLabel"] = options.CustomerLabel.ToString(),
            ["mutedAtOnce"] = new JsonArray([.. preview.MutedAtOnce.Select(a => (JsonNode)SilenceJson.AlertJson(a, options.CustomerLabel))]),
            ["needApproval"] = new JsonArray([.. preview.NeedApproval.Select(a => (JsonNode)SilenceJson.AlertJson(a, options.CustomerLabel))]),
        });
    }

    private static (List<Matcher>? Matchers, string? Error) ReadPreviewMatchers(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("matchers", out var array)
                || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                return (null, "matchers: required, a non-empty array of matchers such as \"alertname=Foo\"");
            }
            if (array[0].ValueKind == JsonValueKind.String)
            {
                return ([.. array.EnumerateArray().SelectMany(m => MatcherParser.ParseList(m.GetString() ?? ""))], null);
            }
            var parsed = SilenceMapper.ReadMatchers(array, out var error);
            return (parsed, error?.Message);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return (null, "matchers: " + e.Message);
        }
    }
}
