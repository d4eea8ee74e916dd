namespace Vigil.Server.Escalation;

/// <summary>Whom a level pages: <c>{schedule: S}</c> (whoever is on call), <c>{person: P}</c> or <c>{team: T}</c> (every member).</summary>
public sealed record EscalationTarget(TargetKind Kind, string Name)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{Name}";
}
