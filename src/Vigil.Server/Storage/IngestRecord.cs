namespace Vigil.Server.Storage;

/// <summary>One accepted request as the ingest log keeps it: its sequence number, what kind of request
/// it was (e.g. <c>alerts</c>), its body and when it arrived.</summary>
public sealed record IngestRecord(long Seq, string Kind, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt, object? Tag = null);
