namespace Vigil.Server.Oncall;

/// <summary><c>oncall.gap_warning</c>: tell <see cref="Receiver"/> when a schedule has nobody on call within <see cref="Horizon"/>.</summary>
public sealed record GapWarningOptions
{
    /// <summary>The receiver (from <c>receivers:</c>) the warning goes to; required.</summary>
    public required string Receiver { get; init; }

    /// <summary>How far ahead coverage is checked. Default 7d.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How often coverage is checked. Default 1h.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
}
