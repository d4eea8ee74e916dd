using System.Diagnostics;
using System.Net.Sockets;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// Runs a walk-through script of docs/examples as a new user runs it (with the built <c>vigil</c>, on a free block of
/// loopback ports given as <c>TRY_PORT</c>), and returns its exit code and everything it printed.
/// </summary>
internal static class ExampleScript
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string name, int ports, TimeSpan timeout)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Vigil.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("repository root not found");
        }
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(root, "docs", "examples", name));
        psi.Environment["VIGIL"] = $"dotnet {VigilProcess.VigilDll}";
        psi.Environment["TRY_PORT"] = FreePortBlock(ports).ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["COLUMNS"] = "160";
        using var script = Process.Start(psi)!;
        var output = script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = script.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await script.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!script.HasExited)
            {
                // SIGTERM first: the script's EXIT trap stops what it started (backends may run in their own sessions).
                using (Process.Start("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                }
                if (!script.WaitForExit(TimeSpan.FromSeconds(15)))
                {
                    script.Kill(entireProcessTree: true);
                }
            }
        }
        return (script.ExitCode, await output + await errors);
    }

    /// <summary>The first of <paramref name="count"/> consecutive loopback ports that nothing listens on.</summary>
    private static int FreePortBlock(int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = ExternalTool.FreePort();
            if (first + count < 65536 && Enumerable.Range(first, count).All(Free))
            {
                return first;
            }
        }
        throw new InvalidOperationException("no free block of loopback ports");
    }

    private static bool Free(int port)
    {
        try
        {
            using var listener = new TcpListener(System.Net.IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
