using System.Text.Json;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// Alertmanager's error bodies: go-swagger's <c>{"code":N,"message":"…"}</c> for body parsing and schema
/// errors, and a bare JSON string for semantic validation errors (what amtool prints).
/// </summary>
internal sealed record AlertmanagerError(int StatusCode, string Message, int? SwaggerCode)
{
    public static AlertmanagerError Parse(string detail) => new(400, "parsing alerts body failed, because " + detail, 400);

    public static AlertmanagerError Required(string path) => new(422, path + " in body is required", 602);

    public static AlertmanagerError Validation(string message) => new(400, message, null);

    public IResult ToResult()
    {
        var body = SwaggerCode is { } code
            ? JsonSerializer.Serialize(new Dictionary<string, object> { ["code"] = code, ["message"] = Message })
            : JsonSerializer.Serialize(Message);
        return Results.Text(body, "application/json", statusCode: StatusCode);
    }
}
