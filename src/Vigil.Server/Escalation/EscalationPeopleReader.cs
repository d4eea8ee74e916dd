using Vigil.Server.Config;
using Vigil.Server.Labels;
using Vigil.Server.Oncall;

namespace Vigil.Server.Escalation;

/// <summary>
/// A minimal reader of <c>people:</c> (name, email, time_zone, contacts [{email|slack|webhook: ADDRESS}],
/// rules [{method, after}]) and <c>teams:</c> (name, members), so escalation works before the on-call
/// capability lands; the integrator replaces it with that capability's reader.
/// </summary>
internal static class EscalationPeopleReader
{
    private static readonly IReadOnlySet<string> PersonKnown = new HashSet<string>(StringComparer.Ordinal) { "name", "email", "time_zone", "contacts", "rules" };

    private static readonly IReadOnlySet<string> ContactKinds = new HashSet<string>(StringComparer.Ordinal) { "email", "slack", "webhook" };

    private static readonly IReadOnlySet<string> RuleKnown = new HashSet<string>(StringComparer.Ordinal) { "method", "after" };

    private static readonly IReadOnlySet<string> TeamKnown = new HashSet<string>(StringComparer.Ordinal) { "name", "members" };

    public static EscalationPeople Read(YamlCursor? people, YamlCursor? teams)
    {
        var persons = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var item in people?.Items() ?? [])
        {
            var map = item.Map(PersonKnown);
            var nameNode = map.Required("name");
            var name = nameNode.Text();
            if (name.Length == 0 || persons.ContainsKey(name))
            {
                throw nameNode.Error(name.Length == 0 ? "missing name in person" : $"person {GoQuote.Quote(name)} is not unique");
            }
            var email = map.Get("email")?.Text();
            var contacts = new List<ContactMethod>();
            if (email is { Length: > 0 })
            {
                contacts.Add(new ContactMethod("email", email));
            }
            foreach (var c in map.Get("contacts")?.Items() ?? [])
            {
                var entries = c.Map(ContactKinds).Owner.Entries();
                if (entries.Count != 1)
                {
                    throw c.Error("a contact is exactly one of {email: ADDRESS}, {slack: URL} or {webhook: URL}");
                }
                var (kind, value) = entries[0];
                var address = kind == "email" ? value.Text() : value.HttpUrl().ToString();
                if (!contacts.Contains(new ContactMethod(kind, address)))
                {
                    contacts.Add(new ContactMethod(kind, address));
                }
            }
            var rules = (map.Get("rules")?.Items() ?? []).Select(ReadRule).ToList();
            persons[name] = new Person(name, email, map.Get("time_zone")?.Text() ?? "UTC", contacts, rules);
        }
        var teamMap = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var item in teams?.Items() ?? [])
        {
            var map = item.Map(TeamKnown);
            var name = map.Required("name").Text();
            var members = map.Get("members")?.Strings() ?? [];
            foreach (var (member, i) in members.Select((m, i) => (m, i)))
            {
                if (!persons.ContainsKey(member))
                {
                    throw map.Get("members")!.Items()[i].Error($"unknown person {GoQuote.Quote(member)}");
                }
            }
            teamMap[name] = members;
        }
        return new EscalationPeople(persons, teamMap);
    }

    private static NotificationRule ReadRule(YamlCursor node)
    {
        var map = node.Map(RuleKnown);
        var method = map.Required("method");
        if (!ContactKinds.Contains(method.Text()))
        {
            throw method.Error($"must be email, slack or webhook, got {GoQuote.Quote(method.Text())}");
        }
        return new NotificationRule(method.Text(), map.Get("after")?.Duration() ?? TimeSpan.Zero);
    }
}
