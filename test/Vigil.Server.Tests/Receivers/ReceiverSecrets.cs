using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>Checks shared by the receiver tests: what a read token and an admin see of an integration's secrets.</summary>
internal static class ReceiverSecrets
{
    /// <summary>
    /// A read token's <c>GET /api/v2/status</c> shows <c>&lt;secret&gt;</c> and none of <paramref name="secrets"/>; once a
    /// delivery attempt is recorded, <c>GET /api/v1/notifications</c> shows none of them to a read token nor to an admin.
    /// </summary>
    public static async Task AssertHiddenAsync(VigilInstance vigil, params string[] secrets)
    {
        using var reader = vigil.CreateClient(await vigil.CreateTokenAsync("read"));
        var original = JsonNode.Parse(await reader.GetStringAsync("api/v2/status"))!["config"]!["original"]!.ToString();
        Assert.Contains("<secret>", original, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, original, StringComparison.Ordinal);
        }
        await Eventually.GetAsync(() => vigil.Http.GetStringAsync("api/v1/notifications"), t => t.Contains("\"attempts\":[{", StringComparison.Ordinal));
        foreach (var client in new[] { reader, vigil.Http })
        {
            var shown = await client.GetStringAsync("api/v1/notifications");
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The last error of the newest notification, once one is recorded.</summary>
    public static async Task<string> LastErrorAsync(VigilInstance vigil)
    {
        var text = await Eventually.GetAsync(() => vigil.Http.GetStringAsync("api/v1/notifications"), t => t.Contains("\"lastError\":\"", StringComparison.Ordinal));
        return JsonNode.Parse(text)!.AsArray().Select(n => n!["lastError"]?.ToString()).First(e => !string.IsNullOrEmpty(e))!;
    }
}
