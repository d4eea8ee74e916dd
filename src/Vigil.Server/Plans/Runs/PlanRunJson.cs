using System.Text.Json;
using Vigil.Contracts.Agents;

namespace Vigil.Server.Plans.Runs;

/// <summary>The API's (and the audit log's) view of a run: state, batch, host and step now, and every host's step results with times.</summary>
internal static class PlanRunJson
{
    public sealed record RunView(string Id, string Plan, string State, int Batch, int Batches, string? Host, int? Step, string? StepName,
        int FailCount, int MaxFail, string StartedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? WindowId, string? PauseReason,
        HaltView? Halt, IReadOnlyList<string> Steps, IReadOnlyList<HostView> Hosts);

    public sealed record HaltView(string Host, int Step, string StepName, string Reason, IReadOnlyList<string> Failures, DateTimeOffset At,
        IReadOnlyList<string> Commands);

    public sealed record HostView(string Host, int Batch, string State, int NextStep, IReadOnlyList<ResultView> Results);

    public sealed record ResultView(int Step, string Name, string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Reason,
        IReadOnlyList<string> Failures, string? ActionId);

    public sealed record EventView(long Seq, string RunId, DateTimeOffset At, string Kind, string? Host, int? Step, string Detail);

    public static RunView View(PlanRun run)
    {
        var current = RunRules.Next(run);
        var host = current?.Hosts[0] ?? run.Halt?.Host;
        int? step = current?.Step ?? run.Halt?.Step;
        return new RunView(run.Id, run.Plan.Name, run.State.Name(), Math.Min(run.Batch + 1, run.BatchCount), run.BatchCount, host, step,
            step is { } s ? run.Plan.Steps[s].ToString() : null, run.FailCount, run.Plan.MaxFail, run.StartedBy, run.CreatedAt, run.UpdatedAt,
            run.WindowId, run.PauseReason,
            run.Halt is { } h ? new HaltView(h.Host, h.Step, run.Plan.Steps[h.Step].ToString(), h.Reason, h.Failures, h.At, Commands(run.Id)) : null,
            [.. run.Plan.Steps.Select(x => x.ToString())],
            [.. run.Hosts.Select(x => new HostView(x.Host, x.Batch + 1, HostState(run, x), x.NextStep,
                [.. x.Results.Select(r => new ResultView(r.Step, run.Plan.Steps[r.Step].ToString(), r.Status.ToString().ToLowerInvariant(),
                    r.StartedAt, r.EndedAt, r.Reason, r.Failures, r.ActionId))]))]);
    }

    public static EventView View(RunEvent e) => new(e.Seq, e.RunId, e.At, e.Kind, e.Host, e.Step, e.Detail);

    /// <summary>What a person runs after a halt.</summary>
    public static IReadOnlyList<string> Commands(string runId) =>
        [$"vigil plan retry {runId}", $"vigil plan skip {runId}", $"vigil plan abort {runId}"];

    public static string Text(PlanRun run) => JsonSerializer.Serialize(View(run), Audit.AuditViewJson.Options);

    internal static string HostState(PlanRun run, HostRun h) =>
        h.Failed ? "failed"
        : run.Halt?.Host == h.Host ? "halted"
        : h.NextStep >= run.Plan.Steps.Count ? "done"
        : h.Results.Count == 0 ? "waiting"
        : h.Last!.Status == StepStatus.Running ? "running" : "in_progress";
}
