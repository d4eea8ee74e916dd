using System.Diagnostics;
using System.Net.Http.Headers;

namespace Vigil.Bench;

/// <summary>
/// Posts an ingest plan's bodies on a fixed schedule of <c>rate</c> alerts a second, each at its own time whether or not
/// the ones before it were answered (open loop: a stalled server shows as latency, not as a slower schedule), as
/// background load while something else is measured.
/// </summary>
internal sealed class PacedIngest(HttpClient client, IngestPlan plan, int rate)
{
    private long _accepted;
    private long _failed;

    /// <summary>Alerts in bodies answered 2xx so far.</summary>
    public long AcceptedAlerts => Interlocked.Read(ref _accepted);

    /// <summary>Requests answered other than 2xx (a 429 at <c>max_active_alerts</c>, say) or not answered at all.</summary>
    public long FailedRequests => Interlocked.Read(ref _failed);

    /// <summary>Called after each answered request with its scheduled start (<see cref="Stopwatch"/> ticks) and its latency from then in ms.</summary>
    public Action<long, double>? OnRequest { get; init; }

    /// <summary>Runs the schedule until the plan is posted or <paramref name="cancel"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        var posts = new List<Task>(plan.Bodies.Count);
        try
        {
            for (var i = 0; i < plan.Bodies.Count; i++)
            {
                var due = started + (long)((double)i * plan.Batch / rate * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, TimeProvider.System, cancel).ConfigureAwait(false);
                }
                posts.Add(PostAsync(i, due, cancel));
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        await Task.WhenAll(posts).ConfigureAwait(false);
    }

    private async Task PostAsync(int body, long due, CancellationToken cancel)
    {
        try
        {
            using var content = new ByteArrayContent(plan.Bodies[body]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await client.PostAsync("api/v2/alerts", content, cancel).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Add(ref _accepted, plan.AlertsIn(body));
            }
            else
            {
                Interlocked.Increment(ref _failed);
            }
            OnRequest?.Invoke(due, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Cut off by the end of the measurement: not a sample.
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _failed);
        }
    }
}
