using System.Globalization;
using System.Text;

namespace Vigil.Bench;

/// <summary>What one <c>escalation</c> run measured, and its report.</summary>
internal sealed record EscalationResult
{
    public required EscalationBenchOptions Options { get; init; }

    public required TimeSpan Posted { get; init; }

    public required int LevelOneDelivered { get; init; }

    public required int LevelTwoDelivered { get; init; }

    public required DateTimeOffset FirstDeadline { get; init; }

    public required DateTimeOffset LastDeadline { get; init; }

    /// <summary>At once: when the paused server was let go (every deadline had passed); null for a live run.</summary>
    public DateTimeOffset? ResumedAt { get; init; }

    public required DateTimeOffset LastArrival { get; init; }

    /// <summary>Deadline → level-2 webhook at the sink (ms).</summary>
    public required LatencySummary SinkLag { get; init; }

    /// <summary>Deadline → the <c>escalated</c> event's time, when the engine claimed the step (ms).</summary>
    public required LatencySummary ClaimLag { get; init; }

    public required StepLagHistogram Histogram { get; init; }

    public required CpuSamples Cpu { get; init; }

    public MemoryReading? Memory { get; init; }

    private TimeSpan DeadlineSpread => LastDeadline - FirstDeadline;

    /// <summary>When the steps could start: the first deadline, or (at once) when the paused server was let go.</summary>
    private DateTimeOffset WaveStart => ResumedAt ?? FirstDeadline;

    /// <summary>How long the whole wave of steps took, to the last level-2 webhook.</summary>
    private TimeSpan Wave => LastArrival - WaveStart;

    private (double Cpu, TimeSpan Wall) WaveCpu => Cpu.Between(WaveStart, LastArrival);

    private string From => ResumedAt is null ? "deadline" : "resume";

    private string CpuFrom => ResumedAt is null ? "first deadline" : "resume";

    public string Title => ResumedAt is null
        ? "Live: deadlines as fast as the server opens the pages"
        : "At once: all steps due together (server paused across the deadlines)";

    public bool Met => LevelTwoDelivered == Options.Pages && SinkLag.P99 <= 1000;

    public string Console() => string.Create(CultureInfo.InvariantCulture, $"""
        {Title}
        pages: {Options.Pages}; level 1 delivered {LevelOneDelivered}, level 2 delivered {LevelTwoDelivered}
        deadlines spread over {DeadlineSpread.TotalSeconds:F2}s; {From} → last level-2 webhook {Wave.TotalSeconds:F2}s
        step lag, {From} → level-2 webhook at the sink: {SinkLag}
        claim lag, {From} → escalated event: {ClaimLag}
        server histogram vigil_escalation_step_lag_seconds{(ResumedAt is null ? "" : " (from the deadlines, so with the pause)")}: {Histogram}
        server CPU, {CpuFrom} → last webhook: {WaveCpu.Cpu:F2}s over {WaveCpu.Wall.TotalSeconds:F2}s ({Percent(WaveCpu)} of one core); RSS {Mib(Memory?.RssBytes)} MiB
        target p99 ≤ 1 s: {(Met ? "met" : "NOT met")}
        """);

    public string Markdown()
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"### {Title}").AppendLine();
        md.AppendLine(c, $"- Command: `{Options.CommandLine}`");
        md.AppendLine(c, $"- Date: {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC; machine: {Environment.ProcessorCount} cores, shared with other work; SQLite (the default storage)");
        md.AppendLine(ResumedAt is null
            ? "- Step lag = level-2 webhook arrival at the sink − the page's deadline (`createdAt` + ack_timeout, from `GET /api/v1/pages/{id}`); claim lag = the `escalated` event's time − the deadline."
            : string.Create(c, $"- The server was paused (SIGSTOP) once level 1 had been delivered for every page, before the first deadline, and let go (SIGCONT) after the last one, so all {Options.Pages:N0} steps were due at once in a warm process. Lag is measured from the resume, since the deadlines themselves lie in the pause."));
        md.AppendLine();
        md.AppendLine("| measure | result |").AppendLine("| --- | --- |");
        md.AppendLine(c, $"| alerts posted (s) | {Posted.TotalSeconds:F2} |");
        md.AppendLine(c, $"| pages paged at level 1 / escalated to level 2 (webhooks received) | {LevelOneDelivered:N0} / {LevelTwoDelivered:N0} |");
        md.AppendLine(c, $"| deadlines spread over (s) | {DeadlineSpread.TotalSeconds:F2} |");
        md.AppendLine(c, $"| {From} → last level-2 webhook (s) | {Wave.TotalSeconds:F2} |");
        md.AppendLine(c, $"| **step lag, {From} → level-2 webhook at the sink: p50 / p90 / p99 / max (ms)** | {Ms(SinkLag)} |");
        md.AppendLine(c, $"| claim lag, {From} → `escalated` event: p50 / p90 / p99 / max (ms) | {Ms(ClaimLag)} |");
        md.AppendLine(c, $"| server `vigil_escalation_step_lag_seconds`{(ResumedAt is null ? "" : " (from the deadlines: includes the pause)")} | {Histogram} |");
        md.AppendLine(c, $"| server CPU, {CpuFrom} → last webhook | {WaveCpu.Cpu:F2} s over {WaveCpu.Wall.TotalSeconds:F2} s ({Percent(WaveCpu)} of one core) |");
        md.AppendLine(c, $"| server RSS afterwards (MiB) | {Mib(Memory?.RssBytes)} |");
        md.AppendLine(c, $"| target: p99 ≤ 1 s | {(Met ? "met" : "**not met**")} |");
        return md.ToString();
    }

    private static string Ms(LatencySummary s) => string.Create(CultureInfo.InvariantCulture, $"{s.P50:F0} / {s.P90:F0} / {s.P99:F0} / {s.Max:F0}");

    private static string Percent((double Cpu, TimeSpan Wall) w) =>
        w.Wall > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $"{w.Cpu / w.Wall.TotalSeconds * 100:F0}%") : "n/a";

    private static string Mib(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1048576.0:F0}") : "n/a";
}
