using System.Diagnostics;
using System.Globalization;

namespace Vigil.Bench;

/// <summary>
/// Runs a command-line client verb against a running server a few times, one after the other, and measures each
/// invocation's wall time (start to exit) and peak RSS (<c>/usr/bin/time -f %M</c>, the kernel's <c>ru_maxrss</c>).
/// Output is counted in lines and dropped, so the terminal never slows it down.
/// </summary>
internal static class CliRunner
{
    private const string Time = "/usr/bin/time";
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<CliResult> RunAsync(string commandLine, int invocations, CancellationToken cancel)
    {
        var runs = new List<CliInvocation>(invocations);
        for (var i = 0; i < invocations; i++)
        {
            var run = await OnceAsync(commandLine, cancel).ConfigureAwait(false);
            runs.Add(run);
            if (run.TimedOut)
            {
                break; // Once is enough to show it; the next would take as long again.
            }
        }

        return new CliResult(commandLine, runs);
    }

    private static async Task<CliInvocation> OnceAsync(string commandLine, CancellationToken cancel)
    {
        var rusage = Path.GetTempFileName();
        try
        {
            var info = new ProcessStartInfo(Time)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in (string[])["-f", "%M", "-o", rusage, "/bin/sh", "-c", "exec " + commandLine])
            {
                info.ArgumentList.Add(arg);
            }

            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Time}");
            var lines = CountLinesAsync(process.StandardOutput, cancel);
            var errors = process.StandardError.ReadToEndAsync(cancel);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            deadline.CancelAfter(Limit);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return new CliInvocation(Limit, 0, await lines.ConfigureAwait(false), -1, $"killed after {Limit.TotalMinutes:F0} min") { TimedOut = true };
            }

            var wall = Stopwatch.GetElapsedTime(started);
            var printed = await lines.ConfigureAwait(false);
            var stderr = (await errors.ConfigureAwait(false)).Trim();
            var maxRssKiB = long.TryParse((await File.ReadAllTextAsync(rusage, cancel).ConfigureAwait(false)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : 0;
            return new CliInvocation(wall, maxRssKiB * 1024, printed, process.ExitCode, process.ExitCode == 0 ? null : LastLine(stderr));
        }
        finally
        {
            File.Delete(rusage);
        }
    }

    private static async Task<int> CountLinesAsync(StreamReader output, CancellationToken cancel)
    {
        var lines = 0;
        while (await output.ReadLineAsync(cancel).ConfigureAwait(false) is not null)
        {
            lines++;
        }

        return lines;
    }

    private static string LastLine(string text) => text.Length == 0 ? "no output on stderr" : text.Split('\n')[^1];
}
