using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Escalation;

namespace Vigil.Server.Web.Alerts;

/// <summary>
/// "Assigned to me / my teams" during a storm, from the routing and the escalation policies: an alert is the
/// signed-in person's when its group's receiver pages a policy whose first level reaches them now (themselves, a
/// team they are in, or a schedule they are on call in); it is their teams' when that policy targets one of their
/// teams or the alert's <c>team</c> label names one. The person is matched by name (the UI user's name is taken as
/// the person's name in <c>people:</c>).
/// </summary>
public sealed record AlertAssignment(IReadOnlySet<string> MyReceivers, IReadOnlySet<string> TeamReceivers, IReadOnlySet<string> MyTeams)
{
    public const string TeamLabel = "team";

    public static AlertAssignment For(string person, VigilConfig config, IContactDirectory directory, DateTimeOffset now)
    {
        var teams = config.Oncall.Teams.Values.Where(t => t.Members.Contains(person, StringComparer.Ordinal))
            .Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var mine = new HashSet<string>(StringComparer.Ordinal);
        var ours = new HashSet<string>(StringComparer.Ordinal);
        foreach (var receiver in config.Receivers)
        {
            foreach (var page in receiver.VigilConfigs)
            {
                if (!config.EscalationPolicies.TryGetValue(page.Policy, out var policy) || policy.Levels.Count == 0)
                {
                    continue;
                }
                if (policy.Levels[0].Targets.Any(t => directory.PeopleFor(t, now).Contains(person, StringComparer.Ordinal)))
                {
                    mine.Add(receiver.Name);
                }
                if (policy.Levels.Any(l => l.Targets.Any(t => t.Kind == TargetKind.Team && teams.Contains(t.Name))))
                {
                    ours.Add(receiver.Name);
                }
            }
        }
        return new AlertAssignment(mine, ours, teams);
    }

    /// <summary>Whether an alert in a group of <paramref name="receiver"/> is assigned as <paramref name="mode"/> asks.</summary>
    public bool Includes(AssignedFilter mode, string receiver, Alert alert) => mode switch
    {
        AssignedFilter.Me => MyReceivers.Contains(receiver),
        AssignedFilter.MyTeams => MyReceivers.Contains(receiver) || TeamReceivers.Contains(receiver)
            || (alert.Labels.Get(TeamLabel) is { } team && MyTeams.Contains(team)),
        _ => true,
    };
}
