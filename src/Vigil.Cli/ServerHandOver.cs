using System.Runtime.InteropServices;

namespace Vigil.Cli;

/// <summary>
/// Replaces this process with <c>vigil-server</c> (the executable beside it that knows every verb) running the same
/// arguments: same process id, same standard streams, signals and exit code go straight to it, as if the user had
/// started it.
/// </summary>
internal static partial class ServerHandOver
{
    public const string ExecutableName = "vigil-server";

    public static int Exec(string[] args)
    {
        var path = Path.Combine(AppContext.BaseDirectory, ExecutableName);
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"vigil: {(args.Length > 0 ? $"'{args[0]}'" : "this")} is run by {ExecutableName}, which is not beside {Environment.ProcessPath} (publish with `dotnet publish -c Release src/Vigil -o DIR`)");
            return 2;
        }
        string?[] argv = [path, .. args, null];
        Execv(path, argv);
        Console.Error.WriteLine($"vigil: cannot start {path}: {Marshal.GetLastPInvokeErrorMessage()}");
        return 2;
    }

    [LibraryImport("libc", EntryPoint = "execv", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Execv(string path, string?[] argv);
}
