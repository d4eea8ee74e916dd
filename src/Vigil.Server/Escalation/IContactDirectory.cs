namespace Vigil.Server.Escalation;

/// <summary>The seam to people: who a target means and how to reach each person. One adapter over the on-call capability.</summary>
public interface IContactDirectory
{
    /// <summary>The people a target stands for at <paramref name="at"/> (a schedule's on-call people, a person, a team's members).</summary>
    IReadOnlyList<string> PeopleFor(EscalationTarget target, DateTimeOffset at);

    /// <summary>How to reach <paramref name="person"/>; empty when unknown or without contact methods.</summary>
    IReadOnlyList<Contact> ContactsOf(string person);
}
