using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Vigil.Bench;

/// <summary>
/// Watches an ingest run's acknowledged count and notes when each slice of <c>size</c> alerts completed (and the
/// server's CPU time then), so a run shows whether its rate holds as the server's state grows (issue 15, item 5:
/// the last 100k of a 1M ingest against the first).
/// </summary>
internal sealed class IngestSlices(IngestRunner runner, int size, int? serverPid)
{
    private readonly List<(double Seconds, double? Cpu)> _marks = [];

    public async Task WatchAsync(Task running)
    {
        var clock = Stopwatch.StartNew();
        var cpu0 = serverPid is { } p ? ProcessStats.TryCpuSeconds(p) : null;
        _marks.Add((0, cpu0));
        while (true)
        {
            var done = running.IsCompleted;
            while (runner.AcceptedAlerts >= (long)size * _marks.Count)
            {
                _marks.Add((clock.Elapsed.TotalSeconds, serverPid is { } q ? ProcessStats.TryCpuSeconds(q) : null));
            }
            if (done)
            {
                return;
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"  slices of {size}: alerts/s (server CPU s)");
        for (var i = 1; i < _marks.Count; i++)
        {
            var rate = size / (_marks[i].Seconds - _marks[i - 1].Seconds);
            var cpu = _marks[i].Cpu is { } b && _marks[i - 1].Cpu is { } a ? (b - a).ToString("F2", ci) : "?";
            sb.AppendLine(ci, $"    {(long)size * (i - 1),8}–{(long)size * i,-8} {rate,8:F0}/s  ({cpu})");
        }
        if (_marks.Count > 2)
        {
            var first = size / _marks[1].Seconds;
            var last = size / (_marks[^1].Seconds - _marks[^2].Seconds);
            sb.Append(ci, $"  last slice / first: {last / first:P0}");
        }
        return sb.ToString();
    }
}
