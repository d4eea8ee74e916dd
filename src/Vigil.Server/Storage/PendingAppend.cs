namespace Vigil.Server.Storage;

/// <summary>An append waiting for the writer loop; its task completes once the record is committed.</summary>
internal sealed class PendingAppend(string kind, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, object? tag = null)
{
    private readonly TaskCompletionSource<long> _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Kind { get; } = kind;

    public ReadOnlyMemory<byte> Payload { get; } = payload;

    public DateTimeOffset ReceivedAt { get; } = receivedAt;

    public object? Tag { get; } = tag;

    public Task<long> Committed => _committed.Task;

    public void Complete(long seq) => _committed.TrySetResult(seq);

    public void Fail(Exception error) => _committed.TrySetException(error);
}
