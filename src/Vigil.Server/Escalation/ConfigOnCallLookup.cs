using Vigil.Server.Config;
using Vigil.Server.Oncall;

namespace Vigil.Server.Escalation;

/// <summary>
/// <see cref="IOnCallLookup"/> over the <c>people:</c>/<c>teams:</c> read by <see cref="EscalationPeopleReader"/>. It
/// knows no schedules (nobody is on call in one); registered only when the on-call capability has not registered its own.
/// </summary>
internal sealed class ConfigOnCallLookup(ConfigHolder config) : IOnCallLookup
{
    public IReadOnlyList<string> OnCallAt(string schedule, DateTimeOffset at) => [];

    public Person? FindPerson(string name) => config.Current.People.People.GetValueOrDefault(name);

    public IReadOnlyList<string> TeamMembers(string team) => config.Current.People.Teams.GetValueOrDefault(team) ?? [];
}
