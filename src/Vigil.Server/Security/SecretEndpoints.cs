using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Vigil.Server.Audit;
using Vigil.Server.Escalation;
using Vigil.Server.Oncall;
using Vigil.Server.Storage;

namespace Vigil.Server.Security;

/// <summary>
/// <c>POST /api/v1/secrets/rotate</c> (admin): replaces the keys that sign links with fresh random ones, so every link
/// or feed URL issued before stops working at once (on every node: the keys are read from the database where they
/// are checked). Each rotation is in the audit log, written in the same transaction.
/// </summary>
internal static partial class SecretEndpoints
{
    public sealed record RotateRequest(string? Name);

    /// <summary>What users call them → their rows in <c>server_secrets</c>.</summary>
    private static readonly IReadOnlyList<(string Name, string Row)> Rotatable =
    [
        ("page-links", LinkSigner.SecretName),
        ("ical", FeedSecrets.KeyName),
        ("vendor-links", Vendors.VendorLinkSigner.SecretName),
    ];

    public static void MapSecrets(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/secrets/rotate", Rotate).RequireScope(Scope.Admin);

    private static async Task<IResult> Rotate(RotateRequest? request, HttpContext http, Database db, AuditLog audit, LinkSigner signer,
        ILoggerFactory logs, CancellationToken ct)
    {
        var name = request?.Name?.Trim();
        var chosen = name == "all" ? Rotatable : Rotatable.Where(r => r.Name == name).ToList();
        if (chosen.Count == 0)
        {
            return Results.Problem(detail: $"name: must be one of page-links, ical, vendor-links, all (got '{name}')", statusCode: 400);
        }
        var caller = Caller.Of(http)!;
        await db.WriteAsync(async (conn, tx) =>
        {
            foreach (var (secret, row) in chosen)
            {
                await ServerSecrets.RotateAsync(conn, tx, row, ct);
                await audit.AppendAsync(conn, tx, caller, "rotate", "secret", secret, null, null, ct);
            }
        }, ct);
        await signer.LoadAsync(ct);
        var names = chosen.Select(c => c.Name).ToList();
        LogRotated(logs.CreateLogger("Vigil.Server.Security"), string.Join(", ", names), caller.Identity);
        return Results.Json(new JsonObject { ["rotated"] = new JsonArray([.. names.Select(n => (JsonNode)n)]) });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rotated secret(s) {Names} (by {Actor}): links and feed URLs signed with the old keys no longer work")]
    private static partial void LogRotated(ILogger logger, string names, string actor);
}
