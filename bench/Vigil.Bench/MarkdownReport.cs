using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace Vigil.Bench;

/// <summary>
/// Renders the <c>compare</c> results as Markdown: a header (machine, date, command, runs), how to run, the table of
/// medians with their spread and the Vigil/Alertmanager ratio, and issue 15's targets against the medians.
/// </summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static string Render(CompareOptions options, IReadOnlyDictionary<string, List<SystemResults>> results, TimeSpan elapsed)
    {
        var table = new CompareTable(CompareRows.For(options), results);
        var ratio = options.Columns.Contains(SystemUnderTest.AlertmanagerName) && options.Columns.Contains(SystemUnderTest.VigilName);
        var sb = new StringBuilder();
        sb.AppendLine("# Benchmarks: Vigil vs Alertmanager");
        sb.AppendLine();
        sb.AppendLine(Ci, $"- Date: {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine(Ci, $"- Machine: {MachineDescription()}");
        sb.AppendLine(Ci, $"- Command: `{options.CommandLine}`");
        sb.AppendLine(Ci, $"- Runs: {options.Runs} (systems alternating who goes first), {elapsed.TotalMinutes:F0} min in all; {(options.Runs > 1 ? "each cell is the median of the runs, with the lowest–highest in brackets" : "one run: each cell is that run's value")}.");
        sb.AppendLine(Ci, $"- Load: {options.Alerts} alerts (~370 bytes each) per ingest, {options.SingleAlerts} one-per-request after a restart, {options.Samples} idle latency probes, {options.CliInvocations} invocations per CLI verb (their median), {(options.Million > 0 ? $"{options.Million} alerts in the million rows" : "million rows skipped")}, {(options.Escalations > 0 ? $"{options.Escalations} escalation steps at once" : "escalation skipped")}; everything on 127.0.0.1, client and server on the same cores.");
        sb.AppendLine();
        sb.Append(HowToRun.Markdown);
        sb.AppendLine();
        sb.AppendLine("## Results");
        sb.AppendLine();
        sb.AppendLine("| Metric | " + string.Join(" | ", options.Columns) + (ratio ? " | Vigil/AM |" : " |"));
        sb.AppendLine("|---|" + string.Concat(options.Columns.Select(_ => "---:|")) + (ratio ? "---|" : ""));
        foreach (var row in table.Rows)
        {
            var cells = options.Columns.Select(c => table.Cell(row, c));
            sb.AppendLine($"| {row.Metric.Replace("  ", "&nbsp;&nbsp;", StringComparison.Ordinal)} | {string.Join(" | ", cells)} |{(ratio ? $" {table.Ratio(row)} |" : "")}");
        }

        AppendTargets(sb, options, table);
        foreach (var (name, runs) in results)
        {
            foreach (var (failure, run) in runs.Select((r, i) => (r.Failure, i + 1)).Where(f => f.Failure is not null))
            {
                sb.AppendLine();
                sb.AppendLine(Ci, $"**{name} failed in run {run}:** {failure}");
            }
        }

        return sb.ToString();
    }

    private static void AppendTargets(StringBuilder sb, CompareOptions options, CompareTable table)
    {
        sb.AppendLine();
        sb.AppendLine("## Issue 15's targets against the medians");
        sb.AppendLine();
        sb.AppendLine("| item | target | measured (median) | verdict |");
        sb.AppendLine("| --- | --- | --- | --- |");
        foreach (var target in CompareTargets.For(options))
        {
            var (measured, verdict) = target.Judge(table);
            sb.AppendLine(Ci, $"| {target.Item} | {target.Text} | {measured} | {verdict} |");
        }
    }

    private static string MachineDescription()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").First().Split(':', 2)[1].Trim() : "?";
        return string.Create(Ci, $"{Environment.ProcessorCount} cores ({model ?? "unknown CPU"}), {memory} RAM, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
    }
}
