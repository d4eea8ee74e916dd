using System.Globalization;
using Vigil.Contracts.Agents;

namespace Vigil.Server.Actions;

/// <summary>
/// The pure rules of a request's life, as functions of (the request, what happened, now). The agent runs nothing
/// until the server has accepted its <c>running</c> report, so a request that was never acknowledged never ran, and
/// a late or repeated report (a replay refused after the original ran) is recorded without changing the outcome.
/// </summary>
public static class ActionRules
{
    /// <summary>How long after its expiry a delivered request may still be acknowledged (the agent checked it before expiry).</summary>
    public static readonly TimeSpan AckGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a delivered request waits for the agent's <c>received</c> report before it is handed over again: the
    /// answer to a long-poll can be lost (the agent was killed or the connection dropped while the poll waited). A second
    /// copy cannot run twice: the agent records each nonce durably and runs a request at most once.
    /// </summary>
    public static readonly TimeSpan RedeliverAfter = TimeSpan.FromSeconds(10);

    /// <summary>Handing a pending request to its agent, or again a delivered one the agent has not acknowledged in <see cref="RedeliverAfter"/>.</summary>
    public static ActionChange? Deliver(AgentAction a, DateTimeOffset now) => a.State switch
    {
        _ when now > a.ExpiresAt => null,
        ActionState.Pending => new(a with { State = ActionState.Delivered, DeliveredAt = now }, "delivered", "handed to the agent"),
        ActionState.Delivered when a.ReceivedAt is null && (a.DeliveredAt is not { } at || now - at >= RedeliverAfter) =>
            new(a with { DeliveredAt = now }, "redelivered",
                $"handed to the agent again: it had not acknowledged the delivery at {Stamp(a.DeliveredAt ?? a.RequestedAt)} within {Human(RedeliverAfter)}"),
        _ => null,
    };

    /// <summary>
    /// A report from the agent. <c>Accepted</c> tells a <c>running</c> report whether the agent may start; a refused start
    /// carries the reason in <c>Problem</c>.
    /// </summary>
    public static (ActionChange? Change, bool Accepted, string? Problem) Report(AgentAction a, ActionReport r, DateTimeOffset now)
    {
        switch (r.State)
        {
            case "received" when a.State == ActionState.Delivered && a.ReceivedAt is null:
                return (new(a with { ReceivedAt = now }, "received", r.Message ?? "the agent has it"), true, null);
            case "received":
                return (null, true, null);
            case "running" when a.State == ActionState.Running:
                return (null, true, null);
            case "running" when a.State is ActionState.Pending or ActionState.Delivered && now > a.ExpiresAt + AckGrace:
                var late = $"the agent acknowledged it at {Stamp(now)}, after it expired at {Stamp(a.ExpiresAt)}; it must not run";
                return (new(a with { State = ActionState.Expired, FinishedAt = now, Detail = late }, "expired", late), false, late);
            case "running" when a.State is ActionState.Pending or ActionState.Delivered:
                var started = r.Message ?? "started";
                return (new(a with { State = ActionState.Running, StartedAt = now, Detail = started }, "running", started), true, null);
            case "running":
                return (null, false, $"the request is {a.State.Name()}; it must not run");
            case "succeeded" or "failed" when a.State == ActionState.Running:
                return (Outcome(a, r, now), true, null);
            case "succeeded" or "failed" when a.State == ActionState.Succeeded && a.AwaitsBoot && a.ExitCode is null:
                // The new boot was seen before the command's own report arrived: keep its exit code and output too.
                var exited = $"the command exited with {r.Message ?? r.State}";
                return (new(a with { ExitCode = r.ExitCode, Output = r.Output }, "exited", exited), true, null);
            case "refused" when a.State is ActionState.Pending or ActionState.Delivered:
                var refused = $"{r.Reason}: {r.Message}";
                return (new(a with { State = ActionState.Refused, FinishedAt = now, Refusal = r.Reason, Detail = r.Message }, "refused", refused), true, null);
            default:
                // A replay refused after the original ran, or an outcome after the server gave up: kept as history only.
                var what = r.State == "refused" ? $"refused: {r.Reason}: {r.Message}" : $"{r.State}: {r.Message}";
                return (new(a, r.State == "refused" ? "refused" : "late-report", $"{what} (the request stays {a.State.Name()})"), true, null);
        }
    }

    /// <summary>The agent of <paramref name="reporter"/>, not the request's host, was handed the request and refused it: history only.</summary>
    public static ActionChange RefusedElsewhere(AgentAction a, string reporter, ActionReport r) =>
        new(a, "refused", $"the agent of {reporter}, not of {a.Host}, was handed this request and refused it: {r.Reason}: {r.Message} (the request stays {a.State.Name()})");

    /// <summary>A report of its host with boot id <paramref name="bootId"/>: the outcome of a reboot that is running.</summary>
    public static ActionChange? BootSeen(AgentAction a, string bootId, DateTimeOffset now)
    {
        if (!a.AwaitsBoot || a.State != ActionState.Running || a.BootIdBefore is null || bootId == a.BootIdBefore)
        {
            return null;
        }
        var detail = $"the host came back with boot id {bootId} (was {a.BootIdBefore})";
        return new(a with { State = ActionState.Succeeded, FinishedAt = now, NewBootId = bootId, Detail = detail }, "succeeded", detail);
    }

    /// <summary>What the passing of time does: expiry of a request the agent never took up, and outcomes that never came.</summary>
    public static ActionChange? Due(AgentAction a, DateTimeOffset now, ActionsOptions options)
    {
        if (NextDue(a, options) is not { } due || now <= due)
        {
            return null;
        }
        var detail = a.State switch
        {
            ActionState.Pending => $"not delivered before it expired at {Stamp(a.ExpiresAt)}: is the host's agent running?",
            ActionState.Delivered => $"delivered at {Stamp(a.DeliveredAt ?? a.RequestedAt)}, but the agent never acknowledged it; it did not run",
            _ when a.AwaitsBoot => $"no report with a new boot id within {Human(options.RebootTimeout)} of the start",
            _ => $"no outcome from the agent within {Human(options.ResultTimeout)} of the start",
        };
        var state = a.State == ActionState.Running ? ActionState.Failed : ActionState.Expired;
        return new(a with { State = state, FinishedAt = now, Detail = detail }, state.Name(), detail);
    }

    /// <summary>When <see cref="Due"/> next has something to do for this request (null once it is finished).</summary>
    public static DateTimeOffset? NextDue(AgentAction a, ActionsOptions options) => a.State switch
    {
        ActionState.Pending => a.ExpiresAt,
        ActionState.Delivered => a.ExpiresAt + AckGrace,
        ActionState.Running => (a.StartedAt ?? a.RequestedAt) + (a.AwaitsBoot ? options.RebootTimeout : options.ResultTimeout),
        _ => null,
    };

    private static ActionChange Outcome(AgentAction a, ActionReport r, DateTimeOffset now)
    {
        var message = r.Message ?? (r.ExitCode is { } code ? $"exit code {code}" : r.State);
        if (a.AwaitsBoot && r.State == "succeeded")
        {
            var waiting = $"the command exited with {message}; waiting for the host to report a new boot id";
            return new(a with { ExitCode = r.ExitCode, Output = r.Output, Detail = waiting }, "exited", waiting);
        }
        var state = r.State == "succeeded" ? ActionState.Succeeded : ActionState.Failed;
        return new(a with { State = state, FinishedAt = now, ExitCode = r.ExitCode, Output = r.Output, Detail = message }, state.Name(), message);
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Human(TimeSpan t) => t.TotalMinutes >= 1 && t.Seconds == 0 ? $"{(int)t.TotalMinutes}m" : $"{t.TotalSeconds:0.#}s";
}
