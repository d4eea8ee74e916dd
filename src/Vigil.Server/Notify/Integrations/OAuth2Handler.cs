using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// OAuth2 client credentials (Go's clientcredentials): a token from <c>token_url</c>, the client id and secret in a Basic
/// header, scopes and <c>endpoint_params</c> in the form; cached until shortly before it expires, fetched again on a 401.
/// </summary>
internal sealed class OAuth2Handler(OAuth2Config config, HttpClient tokenClient, TimeProvider clock) : DelegatingHandler
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken).ConfigureAwait(false));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            tokenClient.Dispose();
            _lock.Dispose();
        }
        base.Dispose(disposing);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        await _lock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_token is not null && clock.GetUtcNow() < _expires)
            {
                return _token;
            }
            var secret = config.ClientSecretFile is null ? config.ClientSecret ?? "" : File.ReadAllText(config.ClientSecretFile).Trim();
            var form = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["grant_type"] = "client_credentials" };
            if (config.Scopes.Count > 0)
            {
                form["scope"] = string.Join(' ', config.Scopes);
            }
            foreach (var (key, value) in config.EndpointParams)
            {
                form[key] = value;
            }
            // Go encodes the form with its keys sorted.
            using var request = new HttpRequestMessage(HttpMethod.Post, config.TokenUrl) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                Uri.EscapeDataString(config.ClientId) + ":" + Uri.EscapeDataString(secret))));
            using var response = await tokenClient.SendAsync(request, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"oauth2: cannot fetch token: {(int)response.StatusCode} from {config.TokenUrl.GetLeftPart(UriPartial.Path)}");
            }
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            _token = root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } t
                ? t
                : throw new HttpRequestException("oauth2: server response missing access_token");
            var lifetime = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt64(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromHours(1);
            // Go's oauth2 treats a token as expired 10 s early.
            _expires = clock.GetUtcNow() + lifetime - TimeSpan.FromSeconds(10);
            return _token;
        }
        catch (JsonException e)
        {
            throw new HttpRequestException("oauth2: cannot parse token response: " + e.Message, e);
        }
        finally
        {
            _lock.Release();
        }
    }
}
