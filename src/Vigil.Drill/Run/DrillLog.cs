namespace Vigil.Drill.Run;

/// <summary>What a drill saw happen, in order: the report's timeline. Kinds group entries (fault, alert, page, act…).</summary>
internal sealed class DrillLog
{
    private readonly List<LogEntry> _entries = [];

    public IReadOnlyList<LogEntry> Entries => _entries;

    public void Add(DateTimeOffset at, string kind, string text) => _entries.Add(new LogEntry(at, kind, text));

    public LogEntry? First(string kind) => _entries.FirstOrDefault(e => e.Kind == kind);

    public IEnumerable<LogEntry> OfKind(string kind) => _entries.Where(e => e.Kind == kind);
}

/// <summary>One line of the drill's timeline.</summary>
internal sealed record LogEntry(DateTimeOffset At, string Kind, string Text);
