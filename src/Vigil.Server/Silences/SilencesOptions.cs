namespace Vigil.Server.Silences;

/// <summary>The <c>silences:</c> section of the configuration: Vigil's guardrails on silences.</summary>
public sealed record SilencesOptions
{
    /// <summary><c>max_duration</c>: the longest a silence may last (endsAt − startsAt). Default 24h.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// <c>customer_label</c>: <c>name=value</c> marking customer-facing alerts; a silence mutes those only once a
    /// second identity approved it. Default <c>impact=customer</c>.
    /// </summary>
    public CustomerImpactLabel CustomerLabel { get; init; } = CustomerImpactLabel.Default;

    /// <summary><c>retention</c>: how long an expired silence is kept (shown, importable) before it is removed. Default 30 days (720h).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromDays(30);
}
