namespace Vigil.Server.StatusPage;

/// <summary>The status page as served until the next rebuild: every document rendered once, as bytes.</summary>
public sealed record StatusSnapshot(
    byte[] Summary,
    byte[] Status,
    byte[] Components,
    byte[] Unresolved,
    byte[] ScheduledMaintenances,
    byte[] Html,
    byte[] Atom,
    DateTimeOffset BuiltAt);
