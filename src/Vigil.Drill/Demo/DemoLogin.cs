using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Vigil.Drill.Demo;

/// <summary>The demo's web UI user: <c>demo</c>, an admin linked to alice, with a new random password at every start.</summary>
internal static class DemoLogin
{
    public const string User = "demo";

    public static async Task<string> EnsureAsync(DemoApi api, CancellationToken ct)
    {
        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyz23456789", 16);
        var user = new JsonObject { ["name"] = User, ["role"] = "admin", ["password"] = password, ["person"] = "alice" };
        if (await api.PostUnlessConflictAsync("api/v1/users", user, ct) is null)
        {
            // A --data folder used before: the user is there; it gets this start's password.
            await api.PatchAsync($"api/v1/users/{User}", new JsonObject { ["password"] = password }, ct);
        }
        return password;
    }
}
