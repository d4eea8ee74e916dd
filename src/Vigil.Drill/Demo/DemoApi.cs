using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Drill.Demo;

/// <summary>The demo's admin client of its own server: the same HTTP API the CLI and the UI use.</summary>
internal sealed class DemoApi(Uri url, string token) : IDisposable
{
    private readonly HttpClient _http = Create(url, token);

    public async Task<JsonNode?> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        return await ReadAsync(response, "GET " + path, ct);
    }

    public Task<JsonNode?> PostAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public Task<JsonNode?> PatchAsync(string path, JsonNode body, CancellationToken ct) => SendAsync(HttpMethod.Patch, path, body, ct);

    /// <summary>POST that answers null instead of failing when the server says 409 (it exists already).</summary>
    public async Task<JsonNode?> PostUnlessConflictAsync(string path, JsonNode body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) };
        using var response = await _http.SendAsync(request, ct);
        return response.StatusCode == HttpStatusCode.Conflict ? null : await ReadAsync(response, "POST " + path, ct);
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = Json(body) };
        using var response = await _http.SendAsync(request, ct);
        return await ReadAsync(response, $"{method} {path}", ct);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    private static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}");
        }
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    private static HttpClient Create(Uri url, string token)
    {
        var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public void Dispose() => _http.Dispose();
}
