namespace Vigil.Server.Escalation;

public enum TargetKind
{
    Schedule,
    Person,
    Team,
}
