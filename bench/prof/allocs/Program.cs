// Sums the runtime's allocation ticks (one per ~100 KB allocated, naming the type that crossed it) in an EventPipe
// trace, between two times in seconds from the trace's start: which types a phase allocated, by share of bytes.
// usage: allocs TRACE.nettrace [FROM_S] [TO_S]   (TOP=N rows, default 40)
// With STACKS=TYPE (e.g. STACKS=System.String, or STACKS=* for every type) it also says where those bytes were
// allocated: each tick's managed stack, cut to its first DEPTH frames (default 6) outside System.*/Microsoft.*, summed
// by that cut. Needs the trace's method rundown (on by default with DOTNET_EnableEventPipe).
// With GCS=1: each collection's pause and what it promoted, by kind of root. With JITS=1 (a trace with the JIT keyword,
// `Microsoft-Windows-DotNETRuntime:0x10:5`): what the JIT compiled, by tier and by type, with the time it took; with
// JITS=list, first every method compiled, in time order.
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

var from = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
var to = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : double.MaxValue;
var top = int.Parse(Environment.GetEnvironmentVariable("TOP") ?? "40", System.Globalization.CultureInfo.InvariantCulture);
var stacksOf = Environment.GetEnvironmentVariable("STACKS");
var depth = int.Parse(Environment.GetEnvironmentVariable("DEPTH") ?? "6", System.Globalization.CultureInfo.InvariantCulture);
var bytes = new Dictionary<string, long>(StringComparer.Ordinal);
var byStack = new Dictionary<string, long>(StringComparer.Ordinal);
long total = 0;

void Count(string type, long amount, double at)
{
    if (at < from || at > to)
    {
        return;
    }
    bytes[type] = bytes.GetValueOrDefault(type) + amount;
    total += amount;
}

if (Environment.GetEnvironmentVariable("GCS") is not null)
{
    // One line per collection: when, generation, reason, the pause (suspension to restart) and what it promoted.
    using var source = new EventPipeEventSource(args[0]);
    double suspended = 0;
    GCStartTraceData? start = null;
    source.Clr.GCSuspendEEStart += e => suspended = e.TimeStampRelativeMSec;
    source.Clr.GCStart += e => start = (GCStartTraceData)e.Clone();
    // Each line is written when the threads restart, so a background collection's own short suspensions (which come
    // with no heap statistics of their own) do not run into the next collection's line.
    string? stats = null;
    source.Clr.GCHeapStats += e =>
    {
        if (start is not null)
        {
            stats = $"{start.TimeStampRelativeMSec / 1000,9:F3} s gen{start.Depth} {start.Reason,-14} promoted gen0 {e.TotalPromotedSize0 >> 10,7} KiB gen1 {e.TotalPromotedSize1 >> 10,7} KiB; gen0 {e.GenerationSize0 >> 10} KiB gen1 {e.GenerationSize1 >> 10} KiB gen2 {e.GenerationSize2 >> 20} MiB pinned {e.PinnedObjectCount}";
            start = null;
        }
    };
    // What each collection promoted, by the kind of root it was reached from (stacks, finalization, handles, older
    // generations through the card table, ...), summed over the heaps.
    var marked = new SortedDictionary<string, long>(StringComparer.Ordinal);
    source.Clr.GCMarkWithType += e => marked[e.Type.ToString()] = marked.GetValueOrDefault(e.Type.ToString()) + e.Promoted;
    source.Clr.GCRestartEEStop += e =>
    {
        Console.WriteLine($"{stats ?? $"{suspended / 1000,9:F3} s (a suspension without a finished collection: a background one's)"}  pause {e.TimeStampRelativeMSec - suspended,6:F2} ms"
            + (marked.Count > 0 ? "; reached from " + string.Join(", ", marked.Select(kv => $"{kv.Key} {kv.Value >> 10} KiB")) : ""));
        stats = null;
        marked.Clear();
    };
    try
    {
        source.Process();
    }
    catch (FormatException)
    {
    }
    return;
}
if (Environment.GetEnvironmentVariable("JITS") is not null)
{
    // Which methods the JIT compiled between FROM_S and TO_S (a trace with the JIT keyword, 0x10 at level 5), at which
    // tier, and how long each took (start to load): by tier, then by the method's type, the longest first.
    using var source = new EventPipeEventSource(args[0]);
    var list = Environment.GetEnvironmentVariable("JITS") == "list";
    var started = new Dictionary<long, double>();
    var byTier = new SortedDictionary<string, (int Count, double Ms)>(StringComparer.Ordinal);
    var byType = new Dictionary<string, (int Count, double Ms)>(StringComparer.Ordinal);
    source.Clr.MethodJittingStarted += e => started[e.MethodID] = e.TimeStampRelativeMSec;
    source.Clr.MethodLoadVerbose += e =>
    {
        var at = e.TimeStampRelativeMSec / 1000;
        if (!started.Remove(e.MethodID, out var begun) || at < from || at > to)
        {
            return;
        }
        var ms = e.TimeStampRelativeMSec - begun;
        var tier = e.OptimizationTier.ToString();
        if (list)
        {
            // JITS=list: every method in time order, to see what a given moment (a run's creation) compiled.
            Console.WriteLine($"{at,9:F3} s {ms,7:F2} ms {tier,-18} {e.MethodNamespace}.{e.MethodName}");
        }
        byTier[tier] = (byTier.GetValueOrDefault(tier).Count + 1, byTier.GetValueOrDefault(tier).Ms + ms);
        var type = $"{tier} {e.MethodNamespace}";
        byType[type] = (byType.GetValueOrDefault(type).Count + 1, byType.GetValueOrDefault(type).Ms + ms);
    };
    try
    {
        source.Process();
    }
    catch (FormatException)
    {
    }
    foreach (var (tier, (count, ms)) in byTier)
    {
        Console.WriteLine($"{tier,-20} {count,6} methods {ms,9:F1} ms");
    }
    Console.WriteLine();
    foreach (var (type, (count, ms)) in byType.OrderByDescending(kv => kv.Value.Ms).Take(top))
    {
        Console.WriteLine($"{ms,8:F1} ms {count,5}  {type}");
    }
    return;
}
if (stacksOf is null)
{
    using var source = new EventPipeEventSource(args[0]);
    source.Clr.GCAllocationTick += e => Count(e.TypeName ?? "?", e.AllocationAmount64, e.TimeStampRelativeMSec / 1000);
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
else
{
    using var log = new TraceLog(TraceLog.CreateFromEventPipeDataFile(args[0]));
    foreach (var e in log.Events)
    {
        if (e is not GCAllocationTickTraceData tick)
        {
            continue;
        }
        var at = tick.TimeStampRelativeMSec / 1000;
        var type = tick.TypeName ?? "?";
        Count(type, tick.AllocationAmount64, at);
        if (at < from || at > to || (stacksOf != "*" && type != stacksOf))
        {
            continue;
        }
        var frames = new List<string>();
        var framework = new List<string>();
        for (var frame = tick.CallStack(); frame is not null && frames.Count < depth; frame = frame.Caller)
        {
            var name = frame.CodeAddress.FullMethodName;
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }
            if (name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.", StringComparison.Ordinal))
            {
                if (frames.Count == 0 && framework.Count < 2)
                {
                    framework.Add(name);
                }
                continue;
            }
            frames.Add(name);
        }
        var key = (stacksOf == "*" ? type + " | " : "") + string.Join(" <- ", framework.Concat(frames));
        byStack[key] = byStack.GetValueOrDefault(key) + tick.AllocationAmount64;
    }
}
Console.WriteLine($"total {total >> 20} MiB");
foreach (var (type, n) in bytes.OrderByDescending(kv => kv.Value).Take(top))
{
    Console.WriteLine($"{n * 100.0 / Math.Max(total, 1),6:F1}% {n >> 20,6} MiB  {type}");
}
if (stacksOf is not null)
{
    var of = byStack.Values.Sum();
    Console.WriteLine($"\nwhere {stacksOf} was allocated ({of >> 20} MiB):");
    foreach (var (stack, n) in byStack.OrderByDescending(kv => kv.Value).Take(top))
    {
        Console.WriteLine($"{n * 100.0 / Math.Max(of, 1),6:F1}% {n >> 20,6} MiB  {stack}");
    }
}
