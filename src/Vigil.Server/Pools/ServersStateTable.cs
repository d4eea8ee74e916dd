using System.Globalization;

namespace Vigil.Server.Pools;

/// <summary>
/// Reads <c>show servers state</c>: a version line ("1"), a header naming the columns, then one line per server
/// with space-separated fields. Pure.
/// </summary>
public static class ServersStateTable
{
    public static RuntimeResult<IReadOnlyList<ServerStateRow>> Parse(string reply, string backend)
    {
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2 || lines[0] != "1" || !lines[1].StartsWith("# be_id ", StringComparison.Ordinal))
        {
            return RuntimeResult<IReadOnlyList<ServerStateRow>>.Failure(RuntimeReplies.ErrorIn(reply)
                ?? new RuntimeError(RuntimeErrorKind.BadReply, $"unexpected answer to show servers state: \"{(lines.Length > 0 ? lines[0] : "")}\""));
        }
        var header = lines[1][2..].Split(' ');
        int Column(string name) => Array.IndexOf(header, name);
        var (be, sv, op, admin, health) = (Column("be_name"), Column("srv_name"), Column("srv_op_state"), Column("srv_admin_state"), Column("srv_check_health"));
        if (be < 0 || sv < 0 || op < 0 || admin < 0)
        {
            return RuntimeResult<IReadOnlyList<ServerStateRow>>.Failure(RuntimeErrorKind.BadReply, "show servers state lacks be_name, srv_name, srv_op_state or srv_admin_state");
        }
        var rows = new List<ServerStateRow>();
        foreach (var line in lines.Skip(2))
        {
            var f = line.Split(' ');
            if (f.Length <= Math.Max(Math.Max(be, sv), Math.Max(op, admin)) || f[be] != backend)
            {
                continue;
            }
            rows.Add(new ServerStateRow(f[be], f[sv], Int(f[op]), Int(f[admin]), health >= 0 && health < f.Length ? Int(f[health]) : 0));
        }
        return RuntimeResult<IReadOnlyList<ServerStateRow>>.Success(rows);
    }

    private static int Int(string text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
