namespace Vigil.Server.Oncall;
public interface IOnCallLookup
{
    IReadOnlyList<string> OnCallAt(string schedule, DateTimeOffset at);
    Person? FindPerson(string name);
    IReadOnlyList<string> TeamMembers(string team);
}
