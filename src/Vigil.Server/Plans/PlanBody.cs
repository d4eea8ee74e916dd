using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Vigil.Server.Config;
using Vigil.Server.Hosting;

namespace Vigil.Server.Plans;

/// <summary>
/// The body of <c>POST /api/v1/plans[/validate]</c>: the plan's YAML as sent (<c>application/yaml</c>, <c>text/yaml</c>,
/// <c>text/plain</c>), or JSON <c>{"yaml": "..."}</c> through the same check as every JSON body. 413 past
/// <c>server.max_body_bytes</c>; text that is not UTF-8, or holds a NUL, is refused before the YAML parser sees it.
/// </summary>
internal static class PlanBody
{
    private static readonly string[] YamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<(string? Yaml, IResult? Problem)> ReadAsync(HttpRequest request, ConfigHolder config, CancellationToken ct)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        var isJson = mediaType == "application/json";
        if (!isJson && !YamlTypes.Contains(mediaType))
        {
            return (null, Results.Problem(
                detail: "Content-Type: send the plan as application/yaml, text/yaml or text/plain, or as application/json {\"yaml\": \"...\"}",
                statusCode: StatusCodes.Status415UnsupportedMediaType));
        }
        if (isJson)
        {
            var (json, problem) = await JsonBody.ReadAsync(request, config, ct);
            if (problem is not null)
            {
                return (null, problem);
            }
            return JsonNode.Parse(json, documentOptions: JsonInput.DocumentOptions) is JsonObject { } body
                   && body["yaml"] is JsonValue value && value.GetValueKind() == JsonValueKind.String
                ? Checked(value.GetValue<string>())
                : (null, Bad("yaml: required, the plan's YAML as a JSON string"));
        }
        var (bytes, tooLarge) = await RequestBody.ReadAsync(request, config, ct);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes!);
        }
        catch (DecoderFallbackException)
        {
            return (null, Bad("body: not valid UTF-8 text"));
        }
        return Checked(text.StartsWith('\uFEFF') ? text[1..] : text);
    }

    private static (string?, IResult?) Checked(string yaml)
    {
        if (yaml.Trim().Length == 0)
        {
            return (null, Bad("body: required, the plan's YAML"));
        }
        return yaml.Contains('\0', StringComparison.Ordinal) ? (null, Bad("body: holds a NUL character, which Vigil does not store")) : (yaml, null);
    }

    private static IResult Bad(string detail) => Results.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
