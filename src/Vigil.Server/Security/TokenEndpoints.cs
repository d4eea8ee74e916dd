using System.Text.Json;
using Vigil.Server.Config;
using Vigil.Server.Hosting;
using Vigil.Server.Storage;

namespace Vigil.Server.Security;

/// <summary><c>/api/v1/tokens</c>: create (the secret is returned once), list and revoke API tokens. Admin only.</summary>
internal static class TokenEndpoints
{
    public sealed record CreateTokenRequest(string? Name, string? Scope);

    public static void MapTokens(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/tokens").RequireScope(Scope.Admin);
        group.MapPost("/", async (HttpRequest http, TokenStore tokens, ConfigHolder config, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync(http, config, ct);
            if (problem is not null)
            {
                return problem;
            }
            CreateTokenRequest? request;
            try
            {
                request = JsonSerializer.Deserialize<CreateTokenRequest>(body, JsonSerializerOptions.Web);
            }
            catch (JsonException e)
            {
                return Results.Problem(detail: "body: " + JsonInput.Describe(e), statusCode: 400);
            }
            if (request is null)
            {
                return Results.Problem(detail: "body: expected {\"name\": \"…\", \"scope\": \"read|write|admin\"}", statusCode: 400);
            }
            if (!Scopes.TryParse(request.Scope, out var scope))
            {
                return Results.Problem(detail: $"scope: must be one of read, write, admin (got '{request.Scope}')", statusCode: 400);
            }
            var name = string.IsNullOrWhiteSpace(request.Name) ? $"{Scopes.Name(scope)}-token" : request.Name.Trim();
            var token = ApiTokens.Generate();
            var id = await tokens.CreateAsync(name, [Scopes.Name(scope)], ApiTokens.Hash(token), ct);
            return Results.Json(new { id, name, scope = Scopes.Name(scope), token }, statusCode: 201);
        });
        group.MapGet("/", async (TokenStore tokens, CancellationToken ct) =>
            Results.Json((await tokens.ListAsync(ct)).Select(t => new { id = t.Id, name = t.Name, scopes = t.Scopes, createdAt = t.CreatedAt })));
    }
}
