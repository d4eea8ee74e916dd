namespace Vigil.Server.Web.Alerts;

/// <summary>Which alert states the list shows (<c>?show=active&amp;show=silenced…</c>); all of them by default.</summary>
[Flags]
public enum ShownStates
{
    None = 0,
    Active = 1,
    Silenced = 2,
    Inhibited = 4,
    Muted = 8,
    All = Active | Silenced | Inhibited | Muted,
}
