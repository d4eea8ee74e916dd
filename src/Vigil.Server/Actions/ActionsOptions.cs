namespace Vigil.Server.Actions;

/// <summary>The <c>agent_actions:</c> section: how long requests live and how long the server waits for their outcome.</summary>
public sealed record ActionsOptions
{
    /// <summary>The longest a request may live before the agent must have taken it up.</summary>
    public static readonly TimeSpan MaxExpiry = TimeSpan.FromMinutes(10);

    /// <summary>How long a request is valid when the caller names no expiry. Default 60s.</summary>
    public TimeSpan DefaultExpiry { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Actions whose outcome is a new boot id: they succeed when the host reports one. Default <c>[reboot]</c>.</summary>
    public IReadOnlySet<string> RebootActions { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "reboot" };

    /// <summary>How long after it starts a reboot action may wait for a report with a new boot id before it fails. Default 15m.</summary>
    public TimeSpan RebootTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long after it starts another action may run without the agent reporting its outcome before it fails. Default 1h.</summary>
    public TimeSpan ResultTimeout { get; init; } = TimeSpan.FromHours(1);
}
