using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vigil.Cli;

/// <summary>A thin HTTP client for the CLI verbs; errors become <see cref="CliException"/> with the server's message.</summary>
internal sealed class VigilClient(Uri baseUrl, string? token) : IDisposable
{
    private readonly HttpClient _http = CreateHttp(baseUrl, token);

    public Uri BaseUrl => baseUrl;

    public async Task<string> GetAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/')), ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<string> PostJsonAsync(string path, JsonNode body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path.TrimStart('/'))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(request, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public Task<string> PatchJsonAsync(string path, JsonNode body, CancellationToken ct) => SendJsonAsync(HttpMethod.Patch, path, body, ct);

    public Task<string> PutJsonAsync(string path, JsonNode body, CancellationToken ct) => SendJsonAsync(HttpMethod.Put, path, body, ct);

    private async Task<string> SendJsonAsync(HttpMethod method, string path, JsonNode body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendAsync(request, ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<string> DeleteAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, path.TrimStart('/')), ct);
        return await response.Content.ReadAsStringAsync(ct);
    }

    /// <summary>Reads a server-sent event stream: yields each event's <c>event</c> name as it arrives, until the server ends the stream.</summary>
    public async IAsyncEnumerable<string> EventsAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
        HttpResponseMessage response;
        try
        {
            // Only until the headers: the stream itself may last as long as the run.
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach Vigil at {baseUrl}: {e.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {ErrorText(await response.Content.ReadAsStringAsync(ct))}");
            }
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    yield return line["event: ".Length..];
                }
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach Vigil at {baseUrl}: {e.Message} (start it with `vigil server`, or pass --url)");
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        var text = await response.Content.ReadAsStringAsync(ct);
        response.Dispose();
        throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {ErrorText(text)}");
    }

    private static string ErrorText(string body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            return node switch
            {
                JsonValue v => v.ToString(),
                JsonObject o => o["detail"]?.ToString() ?? o["message"]?.ToString() ?? body,
                _ => body,
            };
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static HttpClient CreateHttp(Uri baseUrl, string? token)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
        if (token is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }
}
