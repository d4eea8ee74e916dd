using System.Collections.Concurrent;

namespace Vigil.Server.Actions;

/// <summary>
/// The agents' long-polls waiting on this node with nothing to hand over (one per host; another of the same host waits
/// on its signal as before), and the requests being stored as delivered to one of them, until their write's outcome is
/// known (<see cref="AgentActionService.StoreAsync"/>, then <see cref="Complete"/> or <see cref="Abandon"/>).
/// </summary>
internal sealed class PollHandOvers
{
    private readonly ConcurrentDictionary<string, ParkedPoll> _parked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HandOver> _handOvers = new(StringComparer.Ordinal);

    /// <summary>Parks a poll of <paramref name="host"/>; null when another of its polls is parked.</summary>
    public ParkedPoll? Park(string host, Security.Caller agent)
    {
        var poll = new ParkedPoll(agent);
        return _parked.TryAdd(host, poll) ? poll : null;
    }

    /// <summary>Takes the poll back; false when a write storing a request took it first (it hands that request over).</summary>
    public bool Unpark(string host, ParkedPoll poll) => _parked.TryRemove(KeyValuePair.Create(host, poll));

    public bool IsParked(string host) => _parked.ContainsKey(host);

    /// <summary>
    /// The hand-over of a request being stored to the parked poll of its host, if one waits (the poll is then taken: no
    /// other request can have it). The same request stored again (its write tried again) keeps its.
    /// </summary>
    public HandOver? Take(AgentAction created, DateTimeOffset now)
    {
        if (_handOvers.TryGetValue(created.Id, out var again))
        {
            return again;
        }
        if (created.State != ActionState.Pending || ActionRules.Deliver(created, now) is not { } delivery || !_parked.TryRemove(created.Host, out var poll))
        {
            return null;
        }
        var handOver = new HandOver(poll, delivery);
        _handOvers[created.Id] = handOver;
        poll.Claimed(created.Id);
        return handOver;
    }

    /// <summary>The write that stored request <paramref name="id"/> committed: hands it to its poll; returns it as stored, or null if it was not handed over.</summary>
    public AgentAction? Complete(string id)
    {
        if (!_handOvers.TryRemove(id, out var handOver))
        {
            return null;
        }
        handOver.Poll.Hand(handOver.Delivery.Next);
        return handOver.Delivery.Next;
    }

    /// <summary>The write that was to store request <paramref name="id"/> failed: its poll is handed nothing and looks again.</summary>
    public void Abandon(string id)
    {
        if (_handOvers.TryRemove(id, out var handOver))
        {
            handOver.Poll.Hand(null);
        }
    }

    /// <summary>A taken poll whose time ran out before its request was handed over: the hand-over is dropped.</summary>
    public void Forget(ParkedPoll poll)
    {
        if (poll.ClaimedBy is { } id && _handOvers.TryGetValue(id, out var handOver) && handOver.Poll == poll)
        {
            _handOvers.TryRemove(KeyValuePair.Create(id, handOver));
        }
    }
}

/// <summary>An agent's long-poll waiting on this node, which a write storing a request for its host may take (<see cref="PollHandOvers.Take"/>).</summary>
internal sealed class ParkedPoll(Security.Caller agent)
{
    private readonly TaskCompletionSource<AgentAction?> _handed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _claimedBy;

    public Security.Caller Agent => agent;

    /// <summary>The request handed over, or null: look again.</summary>
    public Task<AgentAction?> Handed => _handed.Task;

    /// <summary>The request whose write took this poll.</summary>
    public string? ClaimedBy => Volatile.Read(ref _claimedBy);

    public void Claimed(string id) => Volatile.Write(ref _claimedBy, id);

    public void Hand(AgentAction? action) => _handed.TrySetResult(action);
}

/// <summary>A request stored as delivered to a parked poll: the poll, and the delivery as the rules made it.</summary>
internal sealed record HandOver(ParkedPoll Poll, ActionChange Delivery);
