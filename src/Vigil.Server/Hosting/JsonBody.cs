using System.Text.Json;
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
        return Refused(body!) is { } problem ? (null, problem) : (body, null);
    }

    /// <summary>
    /// The same, deserialised into <typeparamref name="T"/> with the contracts' options; a value of the wrong type is a
    /// 400 naming its JSON path (<c>checks[0].status: …</c>).
    /// </summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, ConfigHolder config, CancellationToken ct)
    {
        // Into a rented array, given back once parsed: nothing keeps the bytes of a typed body (an agent's report, a
        // request for an action), and at 500 agents a new array per report was garbage the collector paused for.
        var (read, tooLarge) = await RequestBody.ReadPooledAsync(request, config, ct);
        if (tooLarge is not null)
        {
            return (default, tooLarge);
        }
        using var body = read!;
        if (Refused(body.Memory.Span) is { } problem)
        {
            return (default, problem);
        }
        try
        {
            return (JsonSerializer.Deserialize<T>(body.Memory.Span, Vigil.Contracts.Agents.ContractJson.Options), null);
        }
        catch (JsonException e)
        {
            var field = e.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (default, Results.Problem(detail: $"{field}: {e.Message}", statusCode: StatusCodes.Status400BadRequest));
        }
    }

    /// <summary>Why the body is not one Vigil's endpoints read: empty, or refused by <see cref="JsonInput.Check"/>.</summary>
    private static IResult? Refused(ReadOnlySpan<byte> body) =>
        body.Length == 0 ? Results.Problem(detail: "body: required, a JSON object", statusCode: StatusCodes.Status400BadRequest)
        : JsonInput.Check(body) is { } error ? Results.Problem(detail: "body: " + error, statusCode: StatusCodes.Status400BadRequest)
        : null;
}
