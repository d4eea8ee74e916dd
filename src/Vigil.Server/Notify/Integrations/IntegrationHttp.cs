using Vigil.Server.AlertmanagerApi;

namespace Vigil.Server.Notify.Integrations;

/// <summary>Sends an integration's request with Vigil's User-Agent and maps the answer to an attempt outcome.</summary>
internal static class IntegrationHttp
{
    public static readonly string UserAgent = "Vigil/" + VigilVersion.Text;

    public static async Task<AttemptResult> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        return AttemptResult.FromStatus((int)response.StatusCode);
    }
}
