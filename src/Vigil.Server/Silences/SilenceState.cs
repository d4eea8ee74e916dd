namespace Vigil.Server.Silences;

/// <summary>Alertmanager's silence states; the wire names are the lower-case names.</summary>
public enum SilenceState
{
    Active,
    Pending,
    Expired,
}
