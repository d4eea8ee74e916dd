using Vigil.Server.Maintenance;

namespace Vigil.Server.Web.Maintenance;

/// <summary>One window as the Maintenance page lists it: where it stands now, its open or next occurrence, and when it ended.</summary>
public sealed record WindowRow(MaintenanceWindow Window, WindowState? State, Occurrence? Current, Occurrence? Next, DateTimeOffset? EndedAt, string? Error)
{
    /// <summary>Windows made through the API or the UI can be ended early; those in the configuration are changed there.</summary>
    public bool CanEnd => Window.Source == WindowSources.Api && State is WindowState.Active or WindowState.Upcoming;
}
