using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Vigil.Server.Storage;

namespace Vigil.Server.Notify;

/// <summary>
/// Delivers one claimed outbox message: POSTs it, retries quickly in process (Polly, exponential with
/// jitter) on retryable failures, then stores its attempts with its outcome — delivered, failed, or due
/// again later with a persisted exponential backoff — through <see cref="OutboxCompletions"/> (group-committed
/// with other deliveries' outcomes).
/// </summary>
internal sealed class OutboxDelivery
{
    private readonly OutboxCompletions _completions;
    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly OutboxDeliveryOptions _options;
    private readonly ResiliencePipeline<AttemptResult> _quickRetries;
    private readonly Email.EmailSender? _email;
    private readonly Integrations.IntegrationDelivery? _integrations;

    public OutboxDelivery(OutboxCompletions completions, HttpClient http, TimeProvider clock, ILogger logger, OutboxDeliveryOptions options,
        Email.EmailSender? email = null, Integrations.IntegrationDelivery? integrations = null)
    {
        _email = email;
        _integrations = integrations;
        _completions = completions;
        _http = http;
        _clock = clock;
        _logger = logger;
        _options = options;
        _quickRetries = new ResiliencePipelineBuilder<AttemptResult> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<AttemptResult>
            {
                MaxRetryAttempts = Math.Max(1, options.QuickRetries),
                Delay = options.QuickRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ValueTask.FromResult(
                    options.QuickRetries > 0 && args.Outcome.Result?.Outcome == AttemptOutcome.Retry && !args.Context.CancellationToken.IsCancellationRequested),
            })
            .Build();
    }

    /// <summary>
    /// Sends <paramref name="item"/>, disposes <paramref name="slot"/> once the requests are done, then stores the outcome.
    /// <paramref name="sending"/> cuts a request under way; <paramref name="stopping"/> (a stop began) only ends the quick
    /// retries: none starts, and one waiting for its turn is given up, the attempts made stored as due again later.
    /// <paramref name="sending"/> is cancelled only after <paramref name="stopping"/> (a grace later), so the retries' waits
    /// listen to <paramref name="stopping"/> alone.
    /// </summary>
    public async Task DeliverAsync(OutboxItem item, IDisposable slot, CancellationToken sending, CancellationToken stopping)
    {
        var attempts = new List<DeliveryAttempt>();
        AttemptResult? last = null;
        AttemptResult result;
        using (slot)
        {
            try
            {
                result = await _quickRetries.ExecuteAsync(async _ => last = await AttemptAsync(item, attempts, sending).ConfigureAwait(false), stopping)
                    .ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!sending.IsCancellationRequested && last is not null)
            {
                result = last;
            }
        }

        var now = _clock.GetUtcNow();
        var made = item.Attempts + attempts.Count;
        var labels = new[] { item.Receiver, Integrations.IntegrationDelivery.Display(item.Integration) };
        if (result.Outcome == AttemptOutcome.Delivered)
        {
            await _completions.CompleteAsync(DeliveryCompletion.Delivered(item.Id, attempts, now)).ConfigureAwait(false);
            OutboxMetrics.Sent.WithLabels(labels).Inc();
            OutboxLog.Delivered(_logger, item.Id, item.Receiver, attempts.Count);
            return;
        }
        OutboxMetrics.Failed.WithLabels(labels).Inc();
        var error = result.Error ?? "unknown error";
        if (result.Outcome == AttemptOutcome.Fail || made >= _options.MaxAttempts || now - item.CreatedAt >= _options.GiveUpAfter)
        {
            await _completions.CompleteAsync(DeliveryCompletion.Failed(item.Id, attempts, now, error)).ConfigureAwait(false);
            OutboxLog.GaveUp(_logger, item.Id, item.Receiver, made, error);
            return;
        }
        var next = now + RetryDelay(made);
        if (await _completions.CompleteAsync(DeliveryCompletion.Retry(item.Id, attempts, now, next, error)).ConfigureAwait(false) == OutboxState.Pending)
        {
            OutboxLog.RetryScheduled(_logger, item.Id, item.Receiver, error, next);
        }
        else
        {
            OutboxLog.Superseded(_logger, item.Id, item.Receiver, error);
        }
    }

    /// <summary>Base × 2^(attempts−1), capped, minus up to 20 % jitter so retries of many messages spread out.</summary>
    internal TimeSpan RetryDelay(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var delay = Math.Min(_options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), _options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(delay * (1 - (0.2 * Random.Shared.NextDouble())));
    }

    private async Task<AttemptResult> PostAsync(OutboxItem item, CancellationToken ct)
    {
        using var content = new ByteArrayContent(item.Payload);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, item.TargetUrl) { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        return AttemptResult.FromStatus((int)response.StatusCode);
    }

    /// <summary>One try; adds it to <paramref name="attempts"/> (stored with the outcome).</summary>
    private async ValueTask<AttemptResult> AttemptAsync(OutboxItem item, List<DeliveryAttempt> attempts, CancellationToken cancellationToken)
    {
        var attemptedAt = _clock.GetUtcNow();
        var started = _clock.GetTimestamp();
        AttemptResult result;
        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            // A receiver's integration renders its own request; of the rest (pages, vendors), "email" goes over SMTP and
            // "webhook" and "slack" are JSON POSTs as stored.
            result = Integrations.IntegrationDelivery.Handles(item)
                ? _integrations is null
                    ? new AttemptResult(AttemptOutcome.Fail, null, "receiver integrations are not set up")
                    : await _integrations.SendAsync(item, linked.Token).ConfigureAwait(false)
                : item.Integration == "email"
                ? _email is null
                    ? new AttemptResult(AttemptOutcome.Fail, null, "email delivery is not set up")
                    : await _email.SendAsync(item.TargetUrl, item.Payload, linked.Token).ConfigureAwait(false)
                : await PostAsync(item, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new AttemptResult(AttemptOutcome.Retry, null, $"timed out after {_options.RequestTimeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            result = new AttemptResult(AttemptOutcome.Retry, null, ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or UriFormatException or NotSupportedException)
        {
            // A URL that can never work: retrying will not help.
            result = new AttemptResult(AttemptOutcome.Fail, null, ex.Message);
        }
        var duration = _clock.GetElapsedTime(started);
        OutboxMetrics.DeliverySeconds.WithLabels(Integrations.IntegrationDelivery.Display(item.Integration)).Observe(duration.TotalSeconds);
        attempts.Add(new DeliveryAttempt(attemptedAt, duration, result.StatusCode, result.Error));
        return result;
    }
}
