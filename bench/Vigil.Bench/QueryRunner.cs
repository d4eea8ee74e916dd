using System.Diagnostics;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Times <c>GET /api/v2/alerts</c>, alone or while an ingest is running.</summary>
internal static class QueryRunner
{
    public static async Task<QueryResult> GetAlertsAsync(HttpClient client, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync("api/v2/alerts", HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        using var body = new MemoryStream();
        await response.Content.CopyToAsync(body, cancel).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var alerts = response.IsSuccessStatusCode ? CountTopLevelItems(body.GetBuffer().AsSpan(0, (int)body.Length)) : 0;
        return new QueryResult((int)response.StatusCode, elapsed, body.Length, alerts);
    }

    /// <summary>
    /// Starts an ingest of <paramref name="plan"/>, measures its rate for a couple of seconds, then times a GET and
    /// the ingest rate during it; stops the ingest afterwards.
    /// </summary>
    public static async Task<QueryUnderLoadResult> GetAlertsDuringIngestAsync(
        HttpClient queryClient, HttpClient ingestClient, IngestPlan plan, CancellationToken cancel)
    {
        var ingest = new IngestRunner(ingestClient, 4);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var running = ingest.RunAsync(plan, null, TimeSpan.FromMinutes(5), stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancel).ConfigureAwait(false);
        var (before, _) = await RateOverAsync(ingest, () => Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, cancel)).ConfigureAwait(false);
        QueryResult? query = null;
        var (during, _) = await RateOverAsync(ingest, async () => query = await GetAlertsAsync(queryClient, cancel).ConfigureAwait(false)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await running.ConfigureAwait(false);
        return new QueryUnderLoadResult(query!, before, during);
    }

    private static async Task<(double Rate, TimeSpan Elapsed)> RateOverAsync(IngestRunner ingest, Func<Task> window)
    {
        var count = ingest.AcceptedAlerts;
        var started = Stopwatch.GetTimestamp();
        await window().ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return ((ingest.AcceptedAlerts - count) / elapsed.TotalSeconds, elapsed);
    }

    private static int CountTopLevelItems(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var count = 0;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject)
            {
                count++;
                reader.Skip();
            }
        }

        return count;
    }
}
