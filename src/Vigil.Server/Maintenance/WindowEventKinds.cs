namespace Vigil.Server.Maintenance;

/// <summary>The kinds of <see cref="WindowEvent"/>.</summary>
public static class WindowEventKinds
{
    /// <summary>An occurrence opened.</summary>
    public const string Started = "started";

    /// <summary>The warning before the end went out (work not done, or muted alerts still firing).</summary>
    public const string Warning = "warning";

    /// <summary>An occurrence closed, on time or early.</summary>
    public const string Ended = "ended";

    /// <summary>Alerts the window muted still fired at its end and were raised again as critical.</summary>
    public const string Overrun = "overrun";

    /// <summary>The window was accepted without checking its watcher: no schedule is named and none is configured.</summary>
    public const string WatcherUnchecked = "watcher_unchecked";
}
