using NodaTime;
using Vigil.Server.Oncall;

namespace Vigil.Server.Config;

/// <summary>Reads <c>people:</c> and <c>teams:</c>; a team naming an unknown person is an error at that member's line.</summary>
internal static class PeopleReader
{
    private static readonly IReadOnlySet<string> PersonKnown = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "email", "time_zone", "contact_methods", "notification_rules",
    };

    private static readonly IReadOnlySet<string> MethodKnown = new HashSet<string>(StringComparer.Ordinal) { "type", "address", "url" };

    private static readonly IReadOnlySet<string> RuleKnown = new HashSet<string>(StringComparer.Ordinal) { "method", "after" };

    private static readonly IReadOnlySet<string> TeamKnown = new HashSet<string>(StringComparer.Ordinal) { "name", "members" };

    public static Dictionary<string, Person> ReadPeople(YamlCursor? node)
    {
        var people = new Dictionary<string, Person>(StringComparer.Ordinal);
        foreach (var item in node?.Items() ?? [])
        {
            var map = item.Map(PersonKnown);
            var nameNode = map.Required("name");
            var name = nameNode.Text();
            if (name.Length == 0 || people.ContainsKey(name))
            {
                throw nameNode.Error(name.Length == 0 ? "must not be empty" : $"duplicate person \"{name}\"");
            }
            var email = map.Get("email") is { } emailNode ? Email(emailNode) : "";
            var zone = map.Get("time_zone") is { } zoneNode ? Zone(zoneNode).Id : "UTC";
            var methods = new List<ContactMethod>();
            foreach (var m in map.Get("contact_methods")?.Items() ?? [])
            {
                methods.Add(ReadMethod(m));
            }
            if (email.Length > 0 && !methods.Any(m => m.Kind == ContactKind.Email))
            {
                methods.Insert(0, new ContactMethod(ContactKind.Email, email));
            }
            var rules = new List<NotificationRule>();
            foreach (var r in map.Get("notification_rules")?.Items() ?? [])
            {
                var rule = r.Map(RuleKnown);
                var methodNode = rule.Required("method");
                var kind = Kind(methodNode);
                if (!methods.Any(m => m.Kind == kind))
                {
                    throw methodNode.Error($"{name} has no {methodNode.Text()} contact method");
                }
                var after = rule.Get("after")?.Duration() ?? TimeSpan.Zero;
                rules.Add(new NotificationRule(kind, after));
            }
            if (rules.Count == 0)
            {
                rules.AddRange(methods.Select(m => m.Kind).Distinct().Select(k => new NotificationRule(k, TimeSpan.Zero)));
            }
            people[name] = new Person(name, email, zone, methods, [.. rules.OrderBy(r => r.After)]);
        }
        return people;
    }

    public static Dictionary<string, Team> ReadTeams(YamlCursor? node, IReadOnlyDictionary<string, Person> people)
    {
        var teams = new Dictionary<string, Team>(StringComparer.Ordinal);
        foreach (var item in node?.Items() ?? [])
        {
            var map = item.Map(TeamKnown);
            var nameNode = map.Required("name");
            var name = nameNode.Text();
            if (name.Length == 0 || teams.ContainsKey(name))
            {
                throw nameNode.Error(name.Length == 0 ? "must not be empty" : $"duplicate team \"{name}\"");
            }
            teams[name] = new Team(name, KnownPeople(map.Required("members"), people));
        }
        return teams;
    }

    /// <summary>A list of person names, each of which must be in <c>people:</c>.</summary>
    public static List<string> KnownPeople(YamlCursor list, IReadOnlyDictionary<string, Person> people)
    {
        var names = new List<string>();
        foreach (var m in list.Items())
        {
            names.Add(KnownPerson(m, people));
        }
        return names;
    }

    public static string KnownPerson(YamlCursor node, IReadOnlyDictionary<string, Person> people)
    {
        var name = node.Text();
        return people.ContainsKey(name) ? name : throw node.Error($"unknown person \"{name}\" (not in people:)");
    }

    public static DateTimeZone Zone(YamlCursor node) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(node.Text())
        ?? throw node.Error($"unknown IANA time zone \"{node.Text()}\" (e.g. Europe/Berlin, America/Los_Angeles, UTC)");

    private static ContactMethod ReadMethod(YamlCursor item)
    {
        var map = item.Map(MethodKnown);
        var kind = Kind(map.Required("type"));
        if (kind == ContactKind.Email)
        {
            return map.Get("url") is { } url
                ? throw url.Error("an email contact method takes address:, not url:")
                : new ContactMethod(kind, Email(map.Required("address")));
        }
        return map.Get("address") is { } address
            ? throw address.Error($"a {map.Required("type").Text()} contact method takes url:, not address:")
            : new ContactMethod(kind, map.Required("url").HttpUrl().ToString());
    }

    private static ContactKind Kind(YamlCursor node) => node.Text() switch
    {
        "email" => ContactKind.Email,
        "slack" => ContactKind.Slack,
        "webhook" => ContactKind.Webhook,
        var other => throw node.Error($"unknown contact method \"{other}\" (email, slack or webhook)"),
    };

    private static string Email(YamlCursor node)
    {
        var text = node.Text().Trim();
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 1 && !text.Any(char.IsWhiteSpace)
            ? text
            : throw node.Error($"not an email address: \"{text}\"");
    }
}
