using Vigil.Drill.Scenarios;
using Vigil.Drill.Simulation;

namespace Vigil.Drill.People;

/// <summary>
/// The people of a drill: each responder acknowledges a page after a delay drawn from their distribution (their own
/// seeded generator, so adding a person changes nobody else's draws) and performs their acts at their times or after
/// the events they wait for. What an act does is the world's business (<see cref="IActs"/>).
/// </summary>
internal sealed class ResponderModel
{
    private readonly Dictionary<string, Responder> _responders;
    private readonly Dictionary<string, Random> _random = new(StringComparer.Ordinal);
    private readonly HashSet<(string Person, ActEvent Event)> _seen = [];
    private readonly EventQueue _queue;
    private readonly VirtualClock _clock;
    private readonly IActs _acts;

    public ResponderModel(IReadOnlyList<Responder> responders, int seed, EventQueue queue, VirtualClock clock, IActs acts)
    {
        _responders = responders.ToDictionary(r => r.Person, StringComparer.Ordinal);
        foreach (var r in responders)
        {
            _random[r.Person] = new Random((int)StableHash.Of(seed, "responder:" + r.Person));
        }
        _queue = queue;
        _clock = clock;
        _acts = acts;
    }

    /// <summary>Schedules every act that has a time.</summary>
    public void Start()
    {
        foreach (var r in _responders.Values)
        {
            foreach (var act in r.Acts.Where(a => a.Trigger.At is not null))
            {
                _queue.At(act.Trigger.At!.Value, $"{r.Person}: {act.Kind}", () => _acts.Perform(r.Person, act));
            }
        }
    }

    /// <summary>A page reached the person: they will acknowledge it after their delay (if they ever do).</summary>
    public void Reached(string person)
    {
        Happened(person, ActEvent.Paged);
        if (!_responders.TryGetValue(person, out var r) || r.AckAfter.Draw(_random[person]) is not { } delay)
        {
            return;
        }
        _queue.At(_clock.GetUtcNow() + delay, $"{person} acknowledges", () => _acts.Ack(person));
    }

    /// <summary>An event of the drill reached a person (or everyone, for <paramref name="person"/> null): the acts
    /// waiting for it are scheduled after their delay, the first time only.</summary>
    public void Happened(string? person, ActEvent ev)
    {
        foreach (var r in _responders.Values.Where(r => person is null || r.Person == person))
        {
            if (!_seen.Add((r.Person, ev)))
            {
                continue;
            }
            foreach (var act in r.Acts.Where(a => a.Trigger.After == ev))
            {
                _queue.At(_clock.GetUtcNow() + act.Trigger.Delay, $"{r.Person}: {act.Kind}", () => _acts.Perform(r.Person, act));
            }
        }
    }
}

/// <summary>What responders' acts do to the world and to Vigil.</summary>
internal interface IActs
{
    void Perform(string person, ResponderAct act);

    void Ack(string person);
}
