using System.ComponentModel;
using System.Diagnostics;

namespace Vigil.Agent.Commands;

/// <summary>Runs a program (no shell unless the argv names one) with a timeout; on timeout the whole tree is killed.</summary>
internal static class CommandRunner
{
    public static async Task<CommandOutcome> RunAsync(IReadOnlyList<string> argv, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (Win32Exception e)
        {
            return new CommandOutcome(null, "", $"cannot start {argv[0]}: {e.Message}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                return new CommandOutcome(null, "", $"timed out after {timeout.TotalSeconds:0.#} s");
            }
            var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
            return new CommandOutcome(process.ExitCode, output, null);
        }
    }
}
