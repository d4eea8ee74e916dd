using System.Text.Json;
using Vigil.Contracts.Agents;

namespace Vigil.Server.Actions;

/// <summary>The API's (and the audit log's) view of a request: everything but the signed envelope.</summary>
internal static class ActionJson
{
    public sealed record ActionView(string Id, string Host, string Action, string Reason, string RequestedBy, string State,
        DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, DateTimeOffset? DeliveredAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
        bool AwaitsBoot, string? BootIdBefore, string? NewBootId, int? ExitCode, string? Output, string? Refusal, string? Detail);

    public sealed record ActionDetail(ActionView Action, IReadOnlyList<EventView> Events);

    public sealed record EventView(DateTimeOffset At, string Kind, string Actor, string Detail);

    public static ActionView View(AgentAction a) =>
        new(a.Id, a.Host, a.Action, a.Reason, a.RequestedBy, a.State.Name(), a.RequestedAt, a.ExpiresAt, a.DeliveredAt, a.StartedAt,
            a.FinishedAt, a.AwaitsBoot, a.BootIdBefore, a.NewBootId, a.ExitCode, a.Output, a.Refusal, a.Detail);

    public static ActionDetail Detail(AgentAction a, IReadOnlyList<ActionEvent> events) =>
        new(View(a), [.. events.Select(e => new EventView(e.At, e.Kind, e.Actor, e.Detail))]);

    /// <summary>The view as JSON text, for the audit log's before/after.</summary>
    public static string Text(AgentAction a) => JsonSerializer.Serialize(View(a), Audit.AuditViewJson.Options);
}
