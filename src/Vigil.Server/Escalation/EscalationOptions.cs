namespace Vigil.Server.Escalation;

/// <summary>The <c>escalation:</c> section.</summary>
public sealed record EscalationOptions
{
    /// <summary>How long an acknowledge/resolve link in a notification stays valid. Default 24h.</summary>
    public TimeSpan LinkTtl { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How often the engine looks for due steps (it is also woken by new pages). Default 1s.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
