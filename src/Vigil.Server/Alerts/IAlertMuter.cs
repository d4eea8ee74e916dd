namespace Vigil.Server.Alerts;

/// <summary>What kind of thing mutes an alert; decides where it shows in the alert's status.</summary>
public enum MuteKind
{
    /// <summary>Shown in <c>silencedBy</c> (Alertmanager's field).</summary>
    Silence,

    /// <summary>Shown in <c>mutedBy</c> of the native API (maintenance windows).</summary>
    Window,
}

/// <summary>
/// A source of muting besides inhibition: silences, maintenance windows. Pure over its current state
/// and <c>now</c>; the dispatcher asks it at every flush and the API at every read.
/// </summary>
public interface IAlertMuter
{
    MuteKind Kind { get; }

    /// <summary>The ids of what mutes this alert at <paramref name="now"/>; empty when nothing does.</summary>
    IReadOnlyList<string> MutedBy(Alert alert, DateTimeOffset now);
}
