using Vigil.Server.Config;

namespace Vigil.Server.Hosting;

/// <summary>
/// Reads a JSON request body for Vigil's own endpoints: 413 past <c>server.max_body_bytes</c>, 400 (ProblemDetails,
/// <c>body: …</c>) when <see cref="JsonInput.Check"/> refuses it. The bytes returned are safe to parse with any
/// System.Text.Json API: nothing in them can surface later as a duplicate-key or transcoding exception.
/// </summary>
internal static class JsonBody
{
    public static async Task<(byte[]? Body, IResult? Problem)> ReadAsync(HttpRequest request, ConfigHolder config, CancellationToken ct)
    {
        var (body, tooLarge) = await RequestBody.ReadAsync(request, config, ct);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }
        if (body!.Length == 0)
        {
            return (null, Results.Problem(detail: "body: required, a JSON object", statusCode: StatusCodes.Status400BadRequest));
        }
        return JsonInput.Check(body) is { } error
            ? (null, Results.Problem(detail: "body: " + error, statusCode: StatusCodes.Status400BadRequest))
            : (body, null);
    }
}
