namespace Vigil.Drill.Notify;

/// <summary>What the flushes up to an instant produced, in time order.</summary>
internal sealed record SimulationOutput(IReadOnlyList<PredictedNotification> Notifications, IReadOnlyList<HeldBack> HeldBack)
{
    public static readonly SimulationOutput Empty = new([], []);
}
