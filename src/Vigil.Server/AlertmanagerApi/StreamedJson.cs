using System.IO.Pipelines;
using System.Text.Json;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>
/// A JSON writer over the response pipe that sends what it wrote every <see cref="FlushEvery"/> bytes. The writer
/// hands its segments to the pipe as it fills them, but only a pipe flush sends them: without one, a 1M-alert answer
/// was kept whole in memory (+400 MiB) and its first byte left after 8 s. A flush waits while the client is behind,
/// so memory stays bounded by the pipe's buffer whatever the answer's size.
/// </summary>
internal sealed class StreamedJson : IAsyncDisposable
{
    public const int FlushEvery = 64 * 1024;

    private readonly PipeWriter _pipe;
    private long _flushedAt;

    public StreamedJson(HttpResponse response)
    {
        response.ContentType = "application/json";
        _pipe = response.BodyWriter;
        // The structure is written by our own code, checked by the tests; the output bytes are the same either way.
        Writer = new Utf8JsonWriter(_pipe, new JsonWriterOptions { SkipValidation = true });
    }

    public Utf8JsonWriter Writer { get; }

    /// <summary>True while the client is still reading; false once it went away (stop writing).</summary>
    public bool Open { get; private set; } = true;

    /// <summary>Sends what was written if it reached <see cref="FlushEvery"/> bytes since the last send.</summary>
    public ValueTask SendIfDueAsync(CancellationToken ct) =>
        Writer.BytesCommitted + Writer.BytesPending - _flushedAt >= FlushEvery ? SendAsync(ct) : ValueTask.CompletedTask;

    private async ValueTask SendAsync(CancellationToken ct)
    {
        Writer.Flush();
        _flushedAt = Writer.BytesCommitted;
        var result = await _pipe.FlushAsync(ct);
        Open = !result.IsCompleted && !result.IsCanceled;
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
    }
}
