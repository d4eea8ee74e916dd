namespace Vigil.Server.Escalation;

public enum PageState
{
    Triggered,
    Acknowledged,
    Resolved,
}
