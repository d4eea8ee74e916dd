namespace Vigil.Server.Maintenance;

/// <summary>Where a window stands at an instant (the <c>?state=</c> filter of the list endpoint).</summary>
public enum WindowState
{
    /// <summary>Has an occurrence to come and none open.</summary>
    Upcoming,

    /// <summary>An occurrence is open now.</summary>
    Active,

    /// <summary>Ended early, or past its end with nothing to come.</summary>
    Ended,
}
