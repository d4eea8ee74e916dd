using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Contracts.Agents;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>The action API as people and agents call it over HTTP.</summary>
internal static class ActionClient
{
    /// <summary><c>POST /api/v1/hosts/{host}/actions</c>; returns the created request (asserting 201).</summary>
    public static async Task<JsonNode> RequestAsync(VigilInstance vigil, string host, string action, string reason = "test", string? expiresIn = null)
    {
        var response = await PostAsync(vigil.Http, host, new JsonObject { ["action"] = action, ["reason"] = reason, ["expiresIn"] = expiresIn }.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonNode.Parse(body)!;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient http, string host, string json) =>
        http.PostAsync($"api/v1/hosts/{host}/actions", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>The request and its events; waits (up to 60 s, in 20 s long-polls) until <paramref name="done"/> holds.</summary>
    public static Task<JsonNode> WaitAsync(VigilInstance vigil, string host, string id, Func<JsonNode, bool>? done = null) =>
        Eventually.GetAsync(async () => JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/hosts/{host}/actions/{id}?wait=20s"))!,
            d => (done ?? Finished)(d), TimeSpan.FromSeconds(60));

    public static bool Finished(JsonNode detail) => detail["action"]!["state"]!.ToString() is "succeeded" or "failed" or "refused" or "expired";

    public static string State(JsonNode detail) => detail["action"]!["state"]!.ToString();

    public static IEnumerable<string> EventKinds(JsonNode detail) => detail["events"]!.AsArray().Select(e => e!["kind"]!.ToString());

    /// <summary>Makes <paramref name="host"/> known with one agent report (boot id <c>boot-a</c>); returns its agent token.</summary>
    public static async Task<string> ReportOnceAsync(VigilInstance vigil, string host)
    {
        var (token, _) = await ActionAgent.CreateTokenAsync(vigil, host);
        var response = await ReportClient.PostAsync(vigil.Http, token, ReportClient.Report(host, "boot-a"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return token;
    }

    /// <summary>Long-polls the action channel with an agent token, as the agent does, and returns the signed requests handed over.</summary>
    public static async Task<IReadOnlyList<SignedActionRequest>> PollAsAgentAsync(VigilInstance vigil, string agentToken, string wait = "10s")
    {
        using var http = vigil.CreateClient(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/agents/actions?wait={wait}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agentToken);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<ActionPoll>(body, ContractJson.Options)!.Requests;
    }

    /// <summary>The audit records of one request, oldest first, as (action, actor).</summary>
    public static async Task<IReadOnlyList<(string Action, string Actor, JsonNode? After)>> AuditAsync(VigilInstance vigil, string id)
    {
        var entries = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/audit?type=agent_action&id={id}"))!.AsArray();
        return [.. entries.Reverse().Select(e => (e!["action"]!.ToString(), e["actor"]!.ToString(), e["after"]))];
    }
}
