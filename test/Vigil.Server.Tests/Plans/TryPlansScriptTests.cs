using System.Diagnostics;
using System.Net.Sockets;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>
/// The walk-through of docs/plans.md, run as a new user runs it: docs/examples/try-plans.sh starts a real HAProxy, two
/// backends, the server and two agents, and runs a plan under client traffic. It must succeed with no failed request.
/// </summary>
public sealed class TryPlansScriptTests
{
    [Fact]
    public async Task TryPlansScript_FromTheDocs_RunsThePlanToSuccess_WithZeroFailedClientRequests()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Vigil.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd('/')) ?? throw new InvalidOperationException("repository root not found");
        }
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(root, "docs", "examples", "try-plans.sh"));
        psi.Environment["VIGIL"] = $"dotnet {VigilProcess.VigilDll}";
        psi.Environment["TRY_PORT"] = FreePortBlock(3).ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["COLUMNS"] = "160";
        using var script = Process.Start(psi)!;
        var output = script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = script.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await script.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!script.HasExited)
            {
                // SIGTERM first: the script's EXIT trap stops what it started (the backends run in their own sessions).
                using (Process.Start("kill", ["-TERM", script.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                }
                if (!script.WaitForExit(TimeSpan.FromSeconds(15)))
                {
                    script.Kill(entireProcessTree: true);
                }
            }
        }
        var text = await output + await errors;

        Assert.True(script.ExitCode == 0, text);
        Assert.Matches(@"client: [1-9]\d* requests through HAProxy, 0 failed", text);
        Assert.Contains("succeeded", text, StringComparison.Ordinal);
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
