using System.Globalization;

namespace Vigil.Server.Pools;

/// <summary>
/// Reads <c>show servers state</c>: a version line ("1"), a header naming the columns, then one line per server
/// with space-separated fields. Pure.
/// </summary>
public static class ServersStateTable
{
    /// <summary>More than the columns HAProxy writes (27 in 3.x); a line with more keeps the rest in its last field.</summary>
    private const int MaxFields = 64;

    /// <param name="interner">Reuses the names and rows of earlier reads that are equal to this one's (see <see cref="ReadInterner"/>); null: all new.</param>
    public static RuntimeResult<IReadOnlyList<ServerStateRow>> Parse(ReadOnlySpan<char> reply, string backend, ReadInterner? interner = null)
    {
        // Read in place, line by line and field by field: at 500 servers a reply split into strings (every field of
        // every line) was, after the reply itself, most of what a pool read allocated.
        Span<Range> fields = stackalloc Range[MaxFields];
        var seen = 0;
        var first = "";
        int be = -1, sv = -1, op = -1, admin = -1, health = -1, needed = 0;
        List<ServerStateRow>? rows = null;
        foreach (var raw in reply.EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty)
            {
                continue;
            }
            if (++seen == 1)
            {
                first = line.ToString();
                if (first != "1")
                {
                    break;
                }
                continue;
            }
            if (seen == 2)
            {
                if (!line.StartsWith("# be_id ", StringComparison.Ordinal))
                {
                    break;
                }
                var header = line[2..];
                var count = header.Split(fields, ' ');
                int Column(ReadOnlySpan<char> header, ReadOnlySpan<Range> names, string name)
                {
                    for (var i = 0; i < names.Length; i++)
                    {
                        if (header[names[i]].SequenceEqual(name))
                        {
                            return i;
                        }
                    }
                    return -1;
                }
                var names = fields[..count];
                (be, sv, op, admin, health) = (Column(header, names, "be_name"), Column(header, names, "srv_name"), Column(header, names, "srv_op_state"),
                    Column(header, names, "srv_admin_state"), Column(header, names, "srv_check_health"));
                if (be < 0 || sv < 0 || op < 0 || admin < 0)
                {
                    return RuntimeResult<IReadOnlyList<ServerStateRow>>.Failure(RuntimeErrorKind.BadReply, "show servers state lacks be_name, srv_name, srv_op_state or srv_admin_state");
                }
                needed = Math.Max(Math.Max(be, sv), Math.Max(op, admin));
                rows = [];
                continue;
            }
            var n = line.Split(fields, ' ');
            if (n <= needed || !line[fields[be]].SequenceEqual(backend))
            {
                continue;
            }
            var name = line[fields[sv]];
            var row = new ServerStateRow(backend, interner?.String(name) ?? name.ToString(), Int(line[fields[op]]), Int(line[fields[admin]]),
                health >= 0 && health < n ? Int(line[fields[health]]) : 0);
            rows!.Add(interner?.Row(row) ?? row);
        }
        if (rows is null)
        {
            return RuntimeResult<IReadOnlyList<ServerStateRow>>.Failure(RuntimeReplies.ErrorIn(reply.ToString())
                ?? new RuntimeError(RuntimeErrorKind.BadReply, $"unexpected answer to show servers state: \"{first}\""));
        }
        return RuntimeResult<IReadOnlyList<ServerStateRow>>.Success(rows);
    }

    private static int Int(ReadOnlySpan<char> text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
