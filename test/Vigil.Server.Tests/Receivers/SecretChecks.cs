using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>Where an integration's secrets must never show: the status config (read token) and the notification list (read and admin tokens).</summary>
internal static class SecretChecks
{
    /// <summary>
    /// Waits until a notification reached <paramref name="state"/>, then checks that no answer holds a secret and that
    /// each of <paramref name="maskedKeys"/> reads <c>&lt;secret&gt;</c> in <c>config.original</c>. Returns the notification (admin view).
    /// </summary>
    public static async Task<JsonNode> AssertNeverShownAsync(VigilInstance vigil, string state, string[] secrets, string[] maskedKeys)
    {
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        var all = await Eventually.GetAsync(
            () => vigil.Http.GetStringAsync("api/v1/notifications"),
            t => JsonNode.Parse(t)!.AsArray().Any(n => n!["state"]!.ToString() == state));
        var notification = Assert.Single(JsonNode.Parse(all)!.AsArray(), n => n!["state"]!.ToString() == state)!;
        var status = await reader.GetStringAsync("api/v2/status");
        var original = JsonNode.Parse(status)!["config"]!["original"]!.ToString();
        foreach (var key in maskedKeys)
        {
            Assert.Contains($"{key}: <secret>", original, StringComparison.Ordinal);
        }
        foreach (var text in new[] { all, await reader.GetStringAsync("api/v1/notifications"), status })
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
        return notification;
    }
}
