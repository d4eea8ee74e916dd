using System.Globalization;
using System.Text;
using Vigil.Server.Notify.Webhook;

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
        // Go's encoder escapes differently from System.Text.Json (\" rather than \u0022); amtool prints these texts.
        var body = new StringBuilder();
        if (SwaggerCode is { } code)
        {
            body.Append("{\"code\":").Append(code.ToString(CultureInfo.InvariantCulture)).Append(",\"message\":");
            GoJson.String(body, Message);
            body.Append('}');
        }
        else
        {
            GoJson.String(body, Message);
            body.Append('\n');
        }
        return Results.Text(body.ToString(), "application/json", statusCode: StatusCode);
    }
}
