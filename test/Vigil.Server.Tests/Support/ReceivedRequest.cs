namespace Vigil.Server.Tests.Support;

/// <summary>A request a <see cref="LoopbackReceiver"/> got: which endpoint, its number there, body,
/// content type, and when it arrived (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
public sealed record ReceivedRequest(string Name, int Number, string Body, string? ContentType, long ReceivedTimestamp);
