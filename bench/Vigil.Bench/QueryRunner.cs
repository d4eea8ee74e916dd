using System.Diagnostics;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>Times one <c>GET /api/v2/alerts</c> (see <see cref="QueryBench"/> for runs around it).</summary>
/// <remarks>
/// The body is read as a client that uses the list would read it: into one reused buffer, its top-level items counted
/// as they arrive (the JSON reader keeps its place between reads), the answer never held whole. An earlier version
/// copied every read into a growing <see cref="MemoryStream"/> and counted after the clock stopped; the buffer's
/// doublings and first-touch page faults (128 MiB for a 55 MiB answer, 1 GiB at 1M) cost the client more than the
/// count, and on a 2-core machine the client shares the cores with the server it times.
/// </remarks>
internal static class QueryRunner
{
    private const int ReadSize = 64 * 1024;

    private static readonly Lazy<Task> Warm = new(WarmUpAsync);

    public static async Task<QueryResult> GetAlertsAsync(HttpClient client, CancellationToken cancel)
    {
        await Warm.Value.WaitAsync(cancel).ConfigureAwait(false);
        // The bench's own garbage (the other system's part, the ingest's prepared bodies) is collected now rather than
        // by a collection that lands inside the timed read.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync("api/v2/alerts", HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
        // An error's body (a refusal, say) is read but not parsed: it need not be JSON.
        var counting = response.IsSuccessStatusCode;
        var counter = new TopLevelItemCounter(ReadSize * 2);
        TimeSpan? firstByte = null;
        long bytes = 0;
        while (true)
        {
            var read = await stream.ReadAsync(counter.FreeSpace(ReadSize), cancel).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            firstByte ??= Stopwatch.GetElapsedTime(started);
            bytes += read;
            if (counting)
            {
                counter.Add(read, final: false);
            }
        }

        if (counting)
        {
            counter.Add(0, final: true);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        return new QueryResult((int)response.StatusCode, elapsed, bytes, counting ? counter.Count : 0, firstByte ?? elapsed);
    }

    /// <summary>
    /// Runs the counter over a made-up list once per process, before the first GET is timed: the first count in a
    /// process runs the reader at tier 0 and took 230 ms for 53 MiB against 40–90 ms warm (a 2-core machine), time
    /// the client would add to whichever system's first GET it times.
    /// </summary>
    private static async Task WarmUpAsync()
    {
        var item = "{\"labels\":{\"alertname\":\"Warm\",\"instance\":\"host:9100\"},\"status\":{\"inhibitedBy\":[],\"state\":\"active\"}}"u8;
        var list = new byte[2 + 20_000 * (item.Length + 1)];
        var at = 0;
        list[at++] = (byte)'[';
        for (var i = 0; i < 20_000; i++)
        {
            if (i > 0)
            {
                list[at++] = (byte)',';
            }
            item.CopyTo(list.AsSpan(at));
            at += item.Length;
        }
        list[at++] = (byte)']';
        for (var round = 0; round < 10; round++)
        {
            var counter = new TopLevelItemCounter(ReadSize * 2);
            for (var offset = 0; offset < at; offset += ReadSize)
            {
                var piece = Math.Min(ReadSize, at - offset);
                list.AsSpan(offset, piece).CopyTo(counter.FreeSpace(ReadSize).Span);
                counter.Add(piece, final: false);
            }
            counter.Add(0, final: true);
            // Lets the runtime's background compiler replace the hot methods between rounds.
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Counts the objects directly inside a JSON array fed to it in pieces.</summary>
    internal sealed class TopLevelItemCounter(int capacity)
    {
        private byte[] _buffer = new byte[capacity];
        private int _filled;
        private JsonReaderState _state;

        public int Count { get; private set; }

        /// <summary>Room for at least <paramref name="size"/> more bytes after the unread rest.</summary>
        public Memory<byte> FreeSpace(int size)
        {
            if (_buffer.Length - _filled < size)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _filled + size));
            }

            return _buffer.AsMemory(_filled);
        }

        /// <summary>Takes <paramref name="read"/> bytes written into <see cref="FreeSpace"/> and counts what they complete.</summary>
        public void Add(int read, bool final)
        {
            _filled += read;
            var reader = new Utf8JsonReader(_buffer.AsSpan(0, _filled), final, _state);
            while (reader.Read())
            {
                if (reader.CurrentDepth == 1 && reader.TokenType is JsonTokenType.StartObject)
                {
                    Count++;
                }
            }

            _state = reader.CurrentState;
            var consumed = (int)reader.BytesConsumed;
            _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
            _filled -= consumed;
        }
    }
}
