namespace Vigil.Server.Actions;

/// <summary>
/// One request for an agent action and what became of it. <see cref="Envelope"/> is the signed request exactly as the
/// agent receives it (JSON of a <c>SignedActionRequest</c>). A reboot action (<see cref="AwaitsBoot"/>) succeeds only
/// when the host reports a boot id other than <see cref="BootIdBefore"/>, the one it had when the request was made.
/// </summary>
public sealed record AgentAction(
    string Id,
    string Host,
    string Action,
    string Reason,
    string RequestedBy,
    ActionState State,
    string Nonce,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    bool AwaitsBoot,
    string? BootIdBefore,
    string Envelope)
{
    /// <summary>When it was (last) handed to the agent.</summary>
    public DateTimeOffset? DeliveredAt { get; init; }

    /// <summary>When the agent acknowledged receipt (it has the request; it may still wait behind another action).</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>When the agent said it starts the command (the server accepted that before anything ran).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public int? ExitCode { get; init; }

    /// <summary>The tail of the command's output, as the agent reported it.</summary>
    public string? Output { get; init; }

    /// <summary>The agent's refusal code (<c>not_allowed</c>, <c>replayed</c>, ...), when it refused.</summary>
    public string? Refusal { get; init; }

    /// <summary>The latest word on it, for people: a refusal's message, why it failed, what it waits for.</summary>
    public string? Detail { get; init; }

    /// <summary>For a reboot: the boot id the host came back with.</summary>
    public string? NewBootId { get; init; }
}
