using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Server.Pools;

/// <summary>
/// Reads HAProxy's plain-text answers to the commands that are not tables (<see cref="StatCsv"/> and
/// <see cref="ServersStateTable"/> read those). Pure: the text in, a value or a <see cref="RuntimeError"/> out.
/// </summary>
public static partial class RuntimeReplies
{
    [GeneratedRegex(@"^(\d+) \(initial (\d+)\)$")]
    private static partial Regex WeightLine();

    /// <summary>The error HAProxy's answer names, or null when it names none.</summary>
    public static RuntimeError? ErrorIn(string reply)
    {
        var text = reply.Trim();
        var first = text.Split('\n', 2)[0].Trim();
        if (first.StartsWith("Unknown command", StringComparison.Ordinal))
        {
            return new RuntimeError(RuntimeErrorKind.UnknownCommand, "this HAProxy does not know the command (Unknown command)");
        }
        if (first is "No such server." or "No such backend." or "No such proxy." or "Can't find backend.")
        {
            return new RuntimeError(RuntimeErrorKind.NotFound, first.TrimEnd('.'));
        }
        if (first.StartsWith("Permission denied", StringComparison.Ordinal))
        {
            return new RuntimeError(RuntimeErrorKind.PermissionDenied, "permission denied: the stats socket needs 'level admin'");
        }
        return null;
    }

    /// <summary>A command whose success is an empty answer (<c>set server … state</c>): anything said is an error.</summary>
    public static RuntimeResult<bool> Empty(string reply)
    {
        if (ErrorIn(reply) is { } error)
        {
            return RuntimeResult<bool>.Failure(error);
        }
        var text = reply.Trim();
        return text.Length == 0 ? RuntimeResult<bool>.Success(true) : RuntimeResult<bool>.Failure(RuntimeErrorKind.Failed, text);
    }

    /// <summary><c>get weight</c>: "<c>1 (initial 1)</c>".</summary>
    public static RuntimeResult<ServerWeight> Weight(string reply)
    {
        if (ErrorIn(reply) is { } error)
        {
            return RuntimeResult<ServerWeight>.Failure(error);
        }
        var match = WeightLine().Match(reply.Trim());
        return match.Success
            ? RuntimeResult<ServerWeight>.Success(new ServerWeight(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)))
            : RuntimeResult<ServerWeight>.Failure(RuntimeErrorKind.BadReply, $"unexpected answer to get weight: \"{reply.Trim()}\"");
    }

    /// <summary>
    /// <c>wait &lt;delay&gt; srv-removable</c> (HAProxy 2.7+): "Done." when the server is in maintenance with no
    /// connection left, "Wait delay expired." when the delay passed first; anything else is an error.
    /// </summary>
    public static RuntimeResult<bool> Wait(string reply)
    {
        if (ErrorIn(reply) is { } error)
        {
            return RuntimeResult<bool>.Failure(error);
        }
        return reply.Trim() switch
        {
            "Done." => RuntimeResult<bool>.Success(true),
            "Wait delay expired." => RuntimeResult<bool>.Success(false),
            var other => RuntimeResult<bool>.Failure(RuntimeErrorKind.Failed, other),
        };
    }

    /// <summary>
    /// The answers to <paramref name="count"/> commands sent on one line (<c>a; b; c</c>): HAProxy ends each command's
    /// answer with an empty line. Null when the reply does not hold exactly that many answers (then nothing can be
    /// told apart). Meant for commands whose answers are at most one line (<c>set server … state</c>).
    /// </summary>
    public static IReadOnlyList<string>? Split(string reply, int count)
    {
        var answers = new List<string>(count);
        var current = new List<string>();
        var lines = reply.Split('\n');
        // The text after the last line break is empty when the reply ends with one (it always should).
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i].Length == 0)
            {
                answers.Add(string.Join('\n', current));
                current.Clear();
            }
            else
            {
                current.Add(lines[i]);
            }
        }
        return answers.Count == count && current.Count == 0 && lines[^1].Length == 0 ? answers : null;
    }
}
