using System.Globalization;
using System.Text;

namespace Vigil.Server.Pools;

/// <summary>
/// Reads <c>show stat</c>'s CSV by its header line (columns are added between HAProxy versions, never
/// reordered, but reading by name costs nothing). Pure.
/// </summary>
public static class StatCsv
{
    /// <summary>The server rows of <paramref name="backend"/> (FRONTEND and BACKEND rows left out).</summary>
    public static RuntimeResult<IReadOnlyList<ServerStat>> Parse(string reply, string backend)
    {
        if (!reply.StartsWith("# pxname,", StringComparison.Ordinal))
        {
            return RuntimeResult<IReadOnlyList<ServerStat>>.Failure(RuntimeReplies.ErrorIn(reply)
                ?? new RuntimeError(RuntimeErrorKind.BadReply, $"unexpected answer to show stat: \"{First(reply)}\""));
        }
        var lines = reply.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = Split(lines[0][2..]);
        var column = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            column.TryAdd(header[i], i);
        }
        foreach (var needed in new[] { "pxname", "svname", "status", "scur" })
        {
            if (!column.ContainsKey(needed))
            {
                return RuntimeResult<IReadOnlyList<ServerStat>>.Failure(RuntimeErrorKind.BadReply, $"show stat has no {needed} column");
            }
        }
        var servers = new List<ServerStat>();
        foreach (var line in lines.Skip(1))
        {
            var f = Split(line);
            string? Get(string name) => column.TryGetValue(name, out var i) && i < f.Count && f[i].Length > 0 ? f[i] : null;
            if (Get("pxname") != backend || Get("svname") is null or "FRONTEND" or "BACKEND")
            {
                continue;
            }
            var status = Get("status") ?? "";
            servers.Add(new ServerStat
            {
                Backend = backend,
                Server = Get("svname")!,
                Status = StatusOf(status),
                StatusText = status,
                CheckStatus = Get("check_status")?.TrimStart('*', ' '),
                // While a check runs ("* L7OK") HAProxy prints the code as 0: no code is known then.
                CheckCode = Get("check_code") is { } code and not "0" ? code : null,
                CheckDescription = Get("check_desc"),
                LastCheck = Get("last_chk"),
                CurrentSessions = Int(Get("scur")) ?? 0,
                QueuedRequests = Int(Get("qcur")) ?? 0,
                Weight = Int(Get("weight")),
                ThrottlePercent = Int(Get("throttle")?.TrimEnd('%').Trim()),
            });
        }
        return RuntimeResult<IReadOnlyList<ServerStat>>.Success(servers);
    }

    public static ServerStatus StatusOf(string status) => status.Split(' ', 2)[0] switch
    {
        "UP" => ServerStatus.Up,
        "DOWN" => ServerStatus.Down,
        "MAINT" => ServerStatus.Maint,
        "DRAIN" => ServerStatus.Drain,
        "NOLB" => ServerStatus.Nolb,
        "no" when status == "no check" => ServerStatus.NoCheck,
        _ => ServerStatus.Other,
    };

    private static int? Int(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string First(string reply) => reply.Trim().Split('\n', 2)[0];

    // HAProxy quotes a field that holds a comma or a quote, doubling the quotes inside (csv_enc).
    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }
}
