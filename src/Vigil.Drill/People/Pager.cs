using Vigil.Drill.Run;
using Vigil.Drill.Simulation;
using Vigil.Server.Escalation;

namespace Vigil.Drill.People;

/// <summary>
/// Vigil's paging on the drill's clock: a page per firing group of a receiver with <c>vigil_configs</c>, walked through
/// its policy by <see cref="EscalationRules"/>, each level's targets found by the server's on-call directory (schedules,
/// overrides, teams) and reached on each contact method after its delay; direct pages (a halted plan's watcher, an
/// incident's commander) walk a one-level policy. Counts what went to whom on which channel.
/// </summary>
internal sealed class Pager(IReadOnlyDictionary<string, EscalationPolicy> policies, IContactDirectory directory, EventQueue queue, VirtualClock clock, DrillLog log)
{
    private static readonly TimeSpan DirectAckTimeout = TimeSpan.FromMinutes(5);
    private readonly Dictionary<string, Page> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<long, EscalationPolicy> _policyOf = [];
    private readonly Dictionary<long, Page> _pages = [];
    private readonly HashSet<long> _customer = [];
    private readonly HashSet<(long Page, long Step, string Person, string Channel)> _delivered = [];
    private readonly Dictionary<long, HashSet<string>> _notified = [];
    private readonly Dictionary<(string Person, string Channel), int> _sent = [];
    private long _nextId;

    /// <summary>A person was reached for a page (the first time for that page): the responder model answers it.</summary>
    public event Action<string, Page>? Reached;

    /// <summary>A page was acknowledged: by whom, which page.</summary>
    public event Action<string, Page>? Acknowledged;

    /// <summary>Messages sent, per person and channel.</summary>
    public IReadOnlyDictionary<(string Person, string Channel), int> Sent => _sent;

    public int PagesOpened => (int)_nextId;

    /// <summary>Every page opened, in its latest state.</summary>
    public IEnumerable<Page> All => _pages.Values.OrderBy(p => p.Id);

    /// <summary>Deliveries of one step to one person on one channel made more than once (an invariant says none).</summary>
    public int Duplicates { get; private set; }

    /// <summary>What an incident's times need of the pages opened since <paramref name="since"/>.</summary>
    public IReadOnlyList<Vigil.Server.Incidents.PageFact> Facts(DateTimeOffset since) =>
        [.. All.Where(p => p.CreatedAt >= since).Select(p => new Vigil.Server.Incidents.PageFact(p.Id, p.Title, p.State.ToString().ToLowerInvariant(), p.CreatedAt, p.AcknowledgedAt, p.AcknowledgedBy))];

    private void Put(string key, Page page)
    {
        _open[key] = page;
        _pages[page.Id] = page;
    }

    public IEnumerable<Page> Open => _open.Values;

    /// <summary>When a page for a customer-impact alert first reached someone; null when none did.</summary>
    public DateTimeOffset? FirstCustomerPageAt { get; private set; }

    /// <summary>A group's notification reached a receiver that pages <paramref name="policy"/>: opens its page when the
    /// group fires and has none, resolves it when every alert of the group has resolved. <paramref name="customer"/>:
    /// the group holds a customer-impact alert.</summary>
    public void Group(string groupKey, string receiver, string policy, string title, bool firing, bool customer)
    {
        var key = $"{receiver}|{policy}|{groupKey}";
        if (firing && !_open.ContainsKey(key) && policies.TryGetValue(policy, out var p))
        {
            OpenPage(key, groupKey, receiver, p, title);
            if (customer)
            {
                _customer.Add(_open[key].Id);
            }
        }
        else if (!firing && _open.TryGetValue(key, out var page))
        {
            Resolve(key, page, "every alert of the group resolved");
        }
    }

    /// <summary>A policy of one level paging <paramref name="person"/> (a halted plan's watcher, an incident's commander).</summary>
    public static EscalationPolicy Direct(string prefix, string person) =>
        new($"{prefix}:{person}", [new EscalationLevel([new EscalationTarget(TargetKind.Person, person)], DirectAckTimeout, false)], 0, null);

    /// <summary>Opens a page outside any alert group (<paramref name="why"/> is logged); none when one with the key is open.</summary>
    public void Request(string key, EscalationPolicy policy, string title, string why)
    {
        if (!_open.ContainsKey(key))
        {
            log.Add(clock.GetUtcNow(), "page", why);
            OpenPage(key, key, "direct", policy, title);
        }
    }

    /// <summary>A person acknowledges every open page they were reached for.</summary>
    public int Ack(string person)
    {
        var now = clock.GetUtcNow();
        var count = 0;
        foreach (var (key, page) in _open.ToList())
        {
            if (page.State != PageState.Triggered || !_notified[page.Id].Contains(person))
            {
                continue;
            }
            var policy = _policyOf[page.Id];
            var acked = page with
            {
                State = PageState.Acknowledged,
                AcknowledgedAt = now,
                AcknowledgedBy = person,
                NextStepAt = EscalationRules.ReackDeadline(policy, now),
            };
            Put(key, acked);
            log.Add(now, "ack", $"{person} acknowledges page #{page.Id} ({page.Title})");
            Schedule(key, acked);
            Acknowledged?.Invoke(person, acked);
            count++;
        }
        return count;
    }

    private void OpenPage(string key, string groupKey, string receiver, EscalationPolicy policy, string title)
    {
        var now = clock.GetUtcNow();
        var id = ++_nextId;
        var step = EscalationRules.Open(policy, now);
        var page = new Page(id, key, groupKey, receiver, policy.Name, "", null, title, "", step.State, step.Level, step.Round, step.Step,
            step.Rotation, step.NextStepAt, now, null, null, null, null);
        Put(key, page);
        _policyOf[id] = policy;
        _notified[id] = new HashSet<string>(StringComparer.Ordinal);
        log.Add(now, "page", $"page #{id} opened for {title} (policy {policy.Name})");
        Notify(page, policy, step);
        Schedule(key, page);
    }

    private void Schedule(string key, Page page)
    {
        if (page.NextStepAt is not { } due)
        {
            return;
        }
        var stepAtSchedule = page.Step;
        queue.At(due, $"page #{page.Id} step", () =>
        {
            if (!_open.TryGetValue(key, out var current) || current.Step != stepAtSchedule)
            {
                return; // acknowledged, resolved or stepped since.
            }
            var policy = _policyOf[current.Id];
            if (EscalationRules.Due(current, policy, clock.GetUtcNow()) is not { } step)
            {
                return;
            }
            var next = current with
            {
                State = step.State, Level = step.Level, Round = step.Round, Step = step.Step, Rotation = step.Rotation, NextStepAt = step.NextStepAt,
            };
            Put(key, next);
            log.Add(clock.GetUtcNow(), "page", $"page #{current.Id} {step.Event}{(step.NotifyLevel is { } l ? $" to level {l + 1}" : "")}");
            Notify(next, policy, step);
            Schedule(key, next);
        });
    }

    private void Notify(Page page, EscalationPolicy policy, PageStep step)
    {
        if (step.NotifyLevel is not { } levelIndex)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var level = policy.Levels[levelIndex];
        var people = EscalationRules.TargetsOf(level, page.Id, step.Rotation).SelectMany(t => directory.PeopleFor(t, now)).Distinct(StringComparer.Ordinal).ToList();
        if (people.Count == 0)
        {
            log.Add(now, "page", $"page #{page.Id}: level {levelIndex + 1} means nobody now ({string.Join(", ", level.Targets)})");
        }
        foreach (var person in people)
        {
            var contacts = directory.ContactsOf(person);
            if (contacts.Count == 0)
            {
                log.Add(now, "page", $"page #{page.Id}: {person} has no contact method");
                continue;
            }
            foreach (var contact in contacts)
            {
                var stepNow = page.Step;
                queue.At(now + contact.Delay, $"page #{page.Id} to {person} by {contact.Channel}", () => Deliver(page.PageKey, stepNow, person, contact.Channel));
            }
        }
    }

    private void Deliver(string key, long step, string person, string channel)
    {
        // A delayed notice is withdrawn when the page was acknowledged or resolved before it was due.
        if (!_open.TryGetValue(key, out var page) || page.State != PageState.Triggered || page.Step != step)
        {
            return;
        }
        if (!_delivered.Add((page.Id, step, person, channel)))
        {
            Duplicates++;
            return;
        }
        _sent[(person, channel)] = _sent.GetValueOrDefault((person, channel)) + 1;
        log.Add(clock.GetUtcNow(), "paged", $"page #{page.Id} ({page.Title}) reaches {person} by {channel}");
        if (_customer.Contains(page.Id))
        {
            FirstCustomerPageAt ??= clock.GetUtcNow();
        }
        if (_notified[page.Id].Add(person))
        {
            Reached?.Invoke(person, page);
        }
    }

    private void Resolve(string key, Page page, string why)
    {
        _open.Remove(key);
        _pages[page.Id] = page with { State = PageState.Resolved, ResolvedAt = clock.GetUtcNow(), NextStepAt = null };
        log.Add(clock.GetUtcNow(), "page", $"page #{page.Id} resolved: {why}");
    }
}
