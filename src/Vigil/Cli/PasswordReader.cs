using System.Text;

namespace Vigil.Cli;

/// <summary>A new password for <c>vigil user</c>: the first line of standard input (<c>--password-stdin</c>, for
/// scripts), or typed twice at a terminal without echo.</summary>
internal static class PasswordReader
{
    public static async Task<string> ReadAsync(bool fromStdin, CancellationToken ct)
    {
        if (fromStdin)
        {
            var line = await Console.In.ReadLineAsync(ct);
            return line is null ? throw new CliException("--password-stdin: standard input is empty") : line.TrimEnd('\r');
        }
        if (Console.IsInputRedirected)
        {
            throw new CliException("password: standard input is not a terminal; pipe the password with --password-stdin");
        }
        var first = Prompt("Password: ");
        var second = Prompt("Again: ");
        return first == second ? first : throw new CliException("password: the two entries differ");
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
                continue;
            }
            if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
