using System.Diagnostics;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Times one <c>GET /api/v2/alerts</c> (see <see cref="QueryBench"/> for runs around it).</summary>
internal static class QueryRunner
{
    public static async Task<QueryResult> GetAlertsAsync(HttpClient client, CancellationToken cancel)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync("api/v2/alerts", HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        using var body = new MemoryStream();
        await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        var chunk = new byte[64 * 1024];
        TimeSpan? firstByte = null;
        int read;
        while ((read = await stream.ReadAsync(chunk, cancel).ConfigureAwait(false)) > 0)
        {
            firstByte ??= Stopwatch.GetElapsedTime(started);
            body.Write(chunk, 0, read);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        // Counted after the clock stopped: the client's parse is not the server's time.
        var alerts = response.IsSuccessStatusCode ? CountTopLevelItems(body.GetBuffer().AsSpan(0, (int)body.Length)) : 0;
        return new QueryResult((int)response.StatusCode, elapsed, body.Length, alerts, firstByte ?? elapsed);
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
