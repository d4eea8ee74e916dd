namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// Alertmanager's notify.Retrier: 2xx delivered, 5xx and the integration's extra codes retried, any other status failed;
/// the error text is "unexpected status code N" with the answer's details (the body, or what the integration extracts).
/// </summary>
internal sealed class StatusRetrier(IReadOnlyCollection<int> retryCodes, Func<int, string, string>? details = null)
{
    /// <summary>Longest answer body kept in an error text (GET /api/v1/notifications shows it).</summary>
    private const int MaxDetails = 512;

    public static readonly StatusRetrier Default = new([]);

    /// <summary>Sends with Vigil's User-Agent and checks the answer.</summary>
    public async Task<AttemptResult> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        request.Headers.TryAddWithoutValidation("User-Agent", IntegrationHttp.UserAgent);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status / 100 == 2)
        {
            return new AttemptResult(AttemptOutcome.Delivered, status, null);
        }
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return Check(status, body);
    }

    public AttemptResult Check(int status, string body)
    {
        if (status / 100 == 2)
        {
            return new AttemptResult(AttemptOutcome.Delivered, status, null);
        }
        var retry = status / 100 == 5 || retryCodes.Contains(status);
        var text = details is null ? body : details(status, body);
        if (text.Length > MaxDetails)
        {
            text = text[..MaxDetails] + "…";
        }
        var error = text.Length == 0 ? $"unexpected status code {status}" : $"unexpected status code {status}: {text}";
        return new AttemptResult(retry ? AttemptOutcome.Retry : AttemptOutcome.Fail, status, error);
    }
}
