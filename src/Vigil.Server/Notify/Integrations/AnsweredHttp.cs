using System.Text;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <see cref="IntegrationHttp.SendAsync"/> for APIs that explain a refusal only in the answer body (Slack's
/// <c>invalid_token</c>, Discord's <c>Unknown Webhook</c>): the error keeps the start of the body, as Alertmanager's
/// "unexpected status code 404: …". The outcome is the same.
/// </summary>
internal static class AnsweredHttp
{
    /// <summary>How much of a refusal's body the error keeps.</summary>
    private const int MaxDetail = 512;

    public static async Task<AttemptResult> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", IntegrationHttp.UserAgent);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var result = AttemptResult.FromStatus((int)response.StatusCode);
        if (result.Outcome == AttemptOutcome.Delivered)
        {
            return result;
        }
        var buffer = new byte[MaxDetail];
        var read = 0;
        await using (var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false))
        {
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false)) > 0)
            {
                read += n;
            }
        }
        var detail = Encoding.UTF8.GetString(buffer, 0, read).Trim();
        return detail.Length == 0 ? result : result with { Error = result.Error + ": " + detail };
    }
}
