using Vigil.Server.Oncall;

namespace Vigil.Server.Escalation;

/// <summary>People and teams as read by <c>EscalationPeopleReader</c> (a minimal stand-in for the on-call capability's own).</summary>
public sealed record EscalationPeople(IReadOnlyDictionary<string, Person> People, IReadOnlyDictionary<string, IReadOnlyList<string>> Teams)
{
    public static readonly EscalationPeople None = new(new Dictionary<string, Person>(), new Dictionary<string, IReadOnlyList<string>>());
}
