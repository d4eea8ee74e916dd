// Sums the runtime's allocation ticks (one per ~100 KB allocated, naming the type that crossed it) in an EventPipe
// trace, between two times in seconds from the trace's start: which types a phase allocated, by share of bytes.
// usage: allocs TRACE.nettrace [FROM_S] [TO_S]   (TOP=N rows, default 40)
using Microsoft.Diagnostics.Tracing;

var from = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
var to = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : double.MaxValue;
var top = int.Parse(Environment.GetEnvironmentVariable("TOP") ?? "40", System.Globalization.CultureInfo.InvariantCulture);
var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
long total = 0;
using (var source = new EventPipeEventSource(args[0]))
{
    source.Clr.GCAllocationTick += e =>
    {
        var at = e.TimeStampRelativeMSec / 1000;
        if (at < from || at > to)
        {
            return;
        }
        var type = e.TypeName ?? "?";
        bytes[type] = bytes.GetValueOrDefault(type) + e.AllocationAmount64;
        total += e.AllocationAmount64;
    };
    try
    {
        source.Process();
    }
    catch (FormatException e)
    {
        // A process killed mid-trace (as the escalation bench stops its server) leaves the last block unfinished.
        Console.WriteLine($"trace cut short ({e.Message}): counting what was read");
    }
}
Console.WriteLine($"total {total >> 20} MiB");
foreach (var (type, n) in bytes.OrderByDescending(kv => kv.Value).Take(top))
{
    Console.WriteLine($"{n * 100.0 / Math.Max(total, 1),6:F1}% {n >> 20,6} MiB  {type}");
}
