namespace Vigil.Server.Storage;

/// <summary>Instants are stored as unix milliseconds (UTC) in both engines, so the schema stays one.</summary>
internal static class UnixMs
{
    public static long From(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public static long? From(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();

    public static DateTimeOffset ToInstant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    /// <summary>The instant as a read from the database gives it back (UTC, whole milliseconds).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset instant) => ToInstant(From(instant));
}
