namespace Vigil.Server.Oncall;
/// <summary>Who is on call: the escalation engine asks this for a level's schedule targets.</summary>
public interface IOnCallLookup
{
    /// <summary>The people on call in <paramref name="schedule"/> at <paramref name="at"/> (empty when nobody, or the schedule is unknown).</summary>
    IReadOnlyList<string> OnCallAt(string schedule, DateTimeOffset at);
    /// <summary>A person's record (email, zone, contact methods, notification rules), or null.</summary>
    Person? FindPerson(string name);
    /// <summary>The members of a team, or empty.</summary>
    IReadOnlyList<string> TeamMembers(string team);
}
