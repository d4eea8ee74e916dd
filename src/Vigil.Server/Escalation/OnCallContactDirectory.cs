using Vigil.Server.Oncall;

namespace Vigil.Server.Escalation;

/// <summary>
/// <see cref="IContactDirectory"/> over <see cref="IOnCallLookup"/>. A person's notification rules pick which contact
/// methods are used and when (e.g. slack at once, email after 5m); without rules every method is used at once.
/// </summary>
internal sealed class OnCallContactDirectory(IOnCallLookup lookup) : IContactDirectory
{
    public IReadOnlyList<string> PeopleFor(EscalationTarget target, DateTimeOffset at) => target.Kind switch
    {
        TargetKind.Schedule => lookup.OnCallAt(target.Name, at),
        TargetKind.Team => lookup.TeamMembers(target.Name),
        _ => lookup.FindPerson(target.Name) is null ? [] : [target.Name],
    };

    public IReadOnlyList<Contact> ContactsOf(string person)
    {
        if (lookup.FindPerson(person) is not { } p)
        {
            return [];
        }
        if (p.NotificationRules.Count == 0)
        {
            return [.. p.ContactMethods.Select(c => new Contact(Channel(c.Kind), c.Address, TimeSpan.Zero))];
        }
        return [.. p.NotificationRules.SelectMany(r => p.ContactMethods.Where(c => c.Kind == r.Method).Select(c => new Contact(Channel(c.Kind), c.Address, r.After)))];
    }

    /// <summary>The outbox integration name for a contact kind: <c>email</c>, <c>slack</c>, <c>webhook</c>.</summary>
    private static string Channel(ContactKind kind) => kind switch
    {
        ContactKind.Email => "email",
        ContactKind.Slack => "slack",
        ContactKind.Webhook => "webhook",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
