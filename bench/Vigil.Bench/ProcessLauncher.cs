using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vigil.Bench;

/// <summary>
/// Starts a server under test from a shell command line (output to a log file), waits for <c>/-/ready</c>,
/// and kills it with its whole process tree (so a <c>dotnet run</c> wrapper does not leave the server behind).
/// </summary>
internal sealed class ProcessLauncher : IDisposable
{
    // Fine enough for a 0.3 s start-up target; each miss costs a refused connect, which is cheap.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ProcessLauncher(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Pid => _process.Id;

    public string LogPath { get; private init; } = "";

    public static ProcessLauncher Start(string commandLine, string logPath)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec " + commandLine);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var sync = TextWriter.Synchronized(log);
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => WriteLine(sync, e.Data);
        process.ErrorDataReceived += (_, e) => WriteLine(sync, e.Data);
        sync.WriteLine("$ " + commandLine);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ProcessLauncher(process, log) { LogPath = logPath };
    }

    /// <summary>A port free on 127.0.0.1 right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Polls <c>GET /-/ready</c> every 20 ms until 200; <paramref name="token"/> is asked again each time.</summary>
    public async Task<TimeSpan> WaitReadyAsync(Uri baseUrl, Func<string?> token, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        using var client = BenchHttp.Create(baseUrl, null, 1, TimeSpan.FromSeconds(2));
        var attempts = (int)(timeout.TotalMilliseconds / PollInterval.TotalMilliseconds) + 1;
        for (var i = 0; i < attempts; i++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"server exited with code {_process.ExitCode} before ready; see {LogPath}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "-/ready");
                if (token() is { } t)
                {
                    request.Headers.Authorization = new("Bearer", t);
                }

                using var response = await client.SendAsync(request).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(started);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(PollInterval, TimeProvider.System).ConfigureAwait(false);
        }

        throw new TimeoutException($"server not ready after {timeout.TotalSeconds:F0}s; see {LogPath}");
    }

    private static void WriteLine(TextWriter log, string? line)
    {
        try
        {
            if (line is not null)
            {
                log.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // Output that arrives after the launcher was disposed is dropped.
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                if (_process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    // Also waits for the redirected output to reach end of stream.
                    _process.WaitForExit();
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _log.Dispose();
    }
}
