using System.Globalization;
using System.Text;

namespace Vigil.Server.Pools;

/// <summary>
/// Reads <c>show stat</c>'s CSV by its header line (columns are added between HAProxy versions, never
/// reordered, but reading by name costs nothing). Pure.
/// </summary>
public static class StatCsv
{
    /// <summary>The columns read, in the order of the values <see cref="ReadLine"/> fills.</summary>
    private static readonly string[] Read = ["pxname", "svname", "status", "check_status", "check_code", "check_desc", "last_chk", "scur", "qcur", "weight", "throttle"];

    private const int PxName = 0, SvName = 1, Status = 2, CheckStatus = 3, CheckCode = 4, CheckDesc = 5, LastChk = 6, Scur = 7, Qcur = 8, Weight = 9, Throttle = 10;

    /// <summary>
    /// The server rows of <paramref name="backend"/> (FRONTEND and BACKEND rows left out). Only the columns read are
    /// made into strings: a pool of 500 members answers with ~110 kB in ~100 columns, and splitting every field was
    /// most of a read's own CPU.
    /// </summary>
    /// <param name="interner">Reuses the strings and rows of earlier reads that are equal to this one's (see <see cref="ReadInterner"/>); null: all new.</param>
    public static RuntimeResult<IReadOnlyList<ServerStat>> Parse(ReadOnlySpan<char> reply, string backend, ReadInterner? interner = null)
    {
        if (!reply.StartsWith("# pxname,", StringComparison.Ordinal))
        {
            var text = reply.ToString();
            return RuntimeResult<IReadOnlyList<ServerStat>>.Failure(RuntimeReplies.ErrorIn(text)
                ?? new RuntimeError(RuntimeErrorKind.BadReply, $"unexpected answer to show stat: \"{First(text)}\""));
        }
        var headerEnd = reply.IndexOf('\n');
        var header = Split(reply[2..(headerEnd < 0 ? reply.Length : headerEnd)]);
        // Which value each column fills (-1: not read); the first column of a name counts, as a dictionary's TryAdd would.
        var slots = new int[header.Count];
        Array.Fill(slots, -1);
        for (var v = 0; v < Read.Length; v++)
        {
            if (header.IndexOf(Read[v]) is var at and >= 0)
            {
                slots[at] = v;
            }
            else if (v is PxName or SvName or Status or Scur)
            {
                return RuntimeResult<IReadOnlyList<ServerStat>>.Failure(RuntimeErrorKind.BadReply, $"show stat has no {Read[v]} column");
            }
        }
        var servers = new List<ServerStat>();
        var values = new string?[Read.Length];
        var field = new char[256];
        for (var at = headerEnd < 0 ? reply.Length : headerEnd + 1; at < reply.Length;)
        {
            var end = reply[at..].IndexOf('\n') is var next and >= 0 ? at + next : -1;
            var line = reply.Slice(at, (end < 0 ? reply.Length : end) - at);
            at = end < 0 ? reply.Length : end + 1;
            if (line.IsEmpty || !ReadLine(line, slots, values, ref field, backend, interner) || values[SvName] is null or "FRONTEND" or "BACKEND")
            {
                continue;
            }
            var status = values[Status] ?? "";
            var stat = new ServerStat
            {
                Backend = backend,
                Server = values[SvName]!,
                Status = StatusOf(status),
                StatusText = status,
                CheckStatus = values[CheckStatus] is { } check && check.AsSpan().TrimStart("* ") is var bare && bare.Length != check.Length ? Text(bare, interner) : values[CheckStatus],
                // While a check runs ("* L7OK") HAProxy prints the code as 0: no code is known then.
                CheckCode = values[CheckCode] is { } code and not "0" ? code : null,
                CheckDescription = values[CheckDesc],
                LastCheck = values[LastChk],
                CurrentSessions = Int(values[Scur]) ?? 0,
                QueuedRequests = Int(values[Qcur]) ?? 0,
                Weight = Int(values[Weight]),
                ThrottlePercent = Int(values[Throttle].AsSpan().TrimEnd('%').Trim()),
            };
            servers.Add(interner?.Row(stat) ?? stat);
        }
        return RuntimeResult<IReadOnlyList<ServerStat>>.Success(servers);
    }

    /// <summary>
    /// Fills <paramref name="values"/> with the line's fields that are read (null: empty or absent); false as soon as the
    /// line is another proxy's. Fields are read as <see cref="Split"/> reads them.
    /// </summary>
    private static bool ReadLine(ReadOnlySpan<char> line, int[] slots, string?[] values, ref char[] field, string backend, ReadInterner? interner)
    {
        Array.Clear(values);
        var length = 0;
        var column = 0;
        var quoted = false;
        for (var i = 0; i <= line.Length; i++)
        {
            var slot = column < slots.Length ? slots[column] : -1;
            if (i == line.Length || (!quoted && line[i] == ','))
            {
                if (slot >= 0)
                {
                    var text = field.AsSpan(0, length);
                    length = 0;
                    if (slot == PxName)
                    {
                        if (!text.SequenceEqual(backend))
                        {
                            return false;
                        }
                        values[slot] = backend;
                    }
                    else
                    {
                        values[slot] = text.IsEmpty ? null : Text(text, interner);
                    }
                }
                column++;
                continue;
            }
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
                continue;
            }
            if (slot >= 0)
            {
                if (length == field.Length)
                {
                    Array.Resize(ref field, field.Length * 2);
                }
                field[length++] = c;
            }
        }
        return values[PxName] == backend;
    }

    private static string Text(ReadOnlySpan<char> text, ReadInterner? interner) => interner?.String(text) ?? text.ToString();

    public static ServerStatus StatusOf(string status) => (status.AsSpan() is var s && s.IndexOf(' ') is var space and >= 0 ? s[..space] : s) switch
    {
        "UP" => ServerStatus.Up,
        "DOWN" => ServerStatus.Down,
        "MAINT" => ServerStatus.Maint,
        "DRAIN" => ServerStatus.Drain,
        "NOLB" => ServerStatus.Nolb,
        "no" when status == "no check" => ServerStatus.NoCheck,
        _ => ServerStatus.Other,
    };

    private static int? Int(ReadOnlySpan<char> text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string First(string reply) => reply.Trim().Split('\n', 2)[0];

    // HAProxy quotes a field that holds a comma or a quote, doubling the quotes inside (csv_enc).
    private static List<string> Split(ReadOnlySpan<char> line)
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
