namespace Vigil.Server.Notify;

/// <summary>What one HTTP attempt came to. 2xx delivers; 5xx, 429, timeouts and connection errors
/// are worth retrying; anything else (other 4xx, a bad URL) is not, as Alertmanager does not retry 4xx.</summary>
internal sealed record AttemptResult(AttemptOutcome Outcome, int? StatusCode, string? Error)
{
    public static AttemptResult FromStatus(int status) => status switch
    {
        >= 200 and < 300 => new(AttemptOutcome.Delivered, status, null),
        429 or >= 500 => new(AttemptOutcome.Retry, status, $"HTTP {status}"),
        _ => new(AttemptOutcome.Fail, status, $"HTTP {status}"),
    };
}
