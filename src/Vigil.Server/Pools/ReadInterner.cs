using System.Collections.Concurrent;

namespace Vigil.Server.Pools;

/// <summary>
/// Hands back the string or row an earlier read of HAProxy already made when a new read has an equal one. A plan run
/// reads its pool's 500 members several times a second and nearly all of them are as they were: without this every
/// read made ~4,000 new strings and 1,000 new rows, and since the last read is kept (the pool view, the waits) they
/// outlived the young generation and were copied by its collections (docs/benchmarks.md, "Session 59"). Safe to share
/// between concurrent reads; bounded (emptied when full, so a churning name set costs one re-made set, not memory).
/// </summary>
public sealed class ReadInterner
{
    /// <summary>Enough for every field of a few thousand members in a few states.</summary>
    private const int Capacity = 16_384;

    private readonly ConcurrentDictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly ConcurrentDictionary<object, object> _rows = new();
    private int _stringCount, _rowCount;

    public ReadInterner() => _bySpan = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text as a string: the one made before if there was one.</summary>
    public string String(ReadOnlySpan<char> text)
    {
        if (_bySpan.TryGetValue(text, out var known))
        {
            return known;
        }
        // Counted here: ConcurrentDictionary.Count takes every lock of the table.
        if (Interlocked.Increment(ref _stringCount) > Capacity)
        {
            _strings.Clear();
            Volatile.Write(ref _stringCount, 0);
        }
        var made = text.ToString();
        return _strings.GetOrAdd(made, made);
    }

    /// <summary>The row itself, or an equal one made before (rows are records: equal by value).</summary>
    public T Row<T>(T row) where T : class
    {
        if (_rows.TryGetValue(row, out var known))
        {
            return (T)known;
        }
        if (Interlocked.Increment(ref _rowCount) > Capacity)
        {
            _rows.Clear();
            Volatile.Write(ref _rowCount, 0);
        }
        return (T)_rows.GetOrAdd(row, row);
    }
}
