using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary>Small helpers for the incident API tests: send JSON, read JSON, open an incident.</summary>
internal static class IncidentClient
{
    public static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string json) =>
        http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public static async Task<JsonNode> OkAsync(HttpClient http, HttpMethod method, string path, string json, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendAsync(http, method, path, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<long> OpenAsync(VigilInstance vigil, string json = """{"title":"Site down","severity":"SEV1","commander":"alice"}""") =>
        (await OkAsync(vigil.Http, HttpMethod.Post, "api/v1/incidents", json, HttpStatusCode.Created))["id"]!.GetValue<long>();

    public static async Task<JsonNode> ShowAsync(VigilInstance vigil, long id) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/incidents/{id}"))!;

    public static async Task<(HttpStatusCode Status, string Body)> RefusedAsync(HttpClient http, HttpMethod method, string path, string json)
    {
        var response = await SendAsync(http, method, path, json);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
