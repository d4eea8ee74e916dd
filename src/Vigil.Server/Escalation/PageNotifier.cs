using Vigil.Server.Config;
using Vigil.Server.Dispatch;
using Vigil.Server.Storage;

namespace Vigil.Server.Escalation;

/// <summary>
/// Turns a step into outbox messages: the level's targets → people → contact methods, each message keyed
/// <c>page:ID:STEP:PERSON:CHANNEL</c> so it is queued at most once per step and person, and each carrying fresh
/// signed links. Also the resolution notice to everyone who was paged.
/// </summary>
public sealed class PageNotifier(IContactDirectory directory, LinkSigner signer, ConfigHolder config, ExternalUrl externalUrl)
{
    /// <summary>What <paramref name="step"/> sends and records; links signed with <paramref name="key"/> (default: the signer's current one).</summary>
    public (List<OutboxMessage> Messages, List<PageEvent> Events) ForLevel(Page page, EscalationPolicy policy, PageStep step, DateTimeOffset now,
        byte[]? key = null)
    {
        var messages = new List<OutboxMessage>();
        var events = new List<PageEvent>();
        if (step.NotifyLevel is not { } levelIndex)
        {
            return (messages, events);
        }
        var level = policy.Levels[levelIndex];
        var people = EscalationRules.TargetsOf(level, page.Id, step.Rotation)
            .SelectMany(t => directory.PeopleFor(t, now)).Distinct(StringComparer.Ordinal).ToList();
        if (people.Count == 0)
        {
            events.Add(new PageEvent(page.Id, now, "nobody", "vigil", $"level {levelIndex + 1}: no one to page"));
        }
        foreach (var person in people)
        {
            Add(page, step.Event, levelIndex, person, $"{step.Step}", directory.ContactsOf(person), now, messages, events, key);
        }
        return (messages, events);
    }

    public (List<OutboxMessage> Messages, List<PageEvent> Events) ForResolved(Page page, IEnumerable<PageEvent> history, DateTimeOffset now)
    {
        var messages = new List<OutboxMessage>();
        var events = new List<PageEvent>();
        foreach (var person in history.Where(e => e.Kind == "notified").Select(e => e.Actor).Distinct(StringComparer.Ordinal))
        {
            var contacts = directory.ContactsOf(person).Select(c => c with { Delay = TimeSpan.Zero }).DistinctBy(c => (c.Channel, c.Address)).ToList();
            Add(page, "resolved", page.Level, person, "resolved", contacts, now, messages, events, null);
        }
        return (messages, events);
    }

    private void Add(Page page, string evt, int level, string person, string step, IReadOnlyList<Contact> contacts, DateTimeOffset now,
        List<OutboxMessage> messages, List<PageEvent> events, byte[]? signingKey)
    {
        var ttl = config.Current.Escalation.LinkTtl;
        var baseUrl = externalUrl.Value.TrimEnd('/');
        var notice = new PageNotice(page, evt, level, person, $"{baseUrl}/api/v1/pages/{page.Id}",
            $"{baseUrl}/p/{signer.Create(page.Id, "ack", now, ttl, signingKey)}", $"{baseUrl}/p/{signer.Create(page.Id, "resolve", now, ttl, signingKey)}");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var contact in contacts)
        {
            var key = $"page:{page.Id}:{step}:{person}:{contact.Channel}";
            for (var i = 2; !seen.Add(key); i++)
            {
                key = $"page:{page.Id}:{step}:{person}:{contact.Channel}{i}";
            }
            var target = contact.Channel == "email" ? "mailto:" + contact.Address : contact.Address;
            messages.Add(new OutboxMessage(page.Receiver, 0, target, $"page:{page.Id}", PageMessages.Build(contact.Channel, notice),
                now + contact.Delay, key, contact.Channel));
            if (evt != "resolved")
            {
                events.Add(new PageEvent(page.Id, now, "notified", person, $"level {level + 1} by {contact.Channel}" +
                    (contact.Delay > TimeSpan.Zero ? $" after {contact.Delay}" : "")));
            }
        }
        if (contacts.Count == 0)
        {
            events.Add(new PageEvent(page.Id, now, "unreachable", person, "no contact methods"));
        }
    }
}
