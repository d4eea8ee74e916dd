using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Bench.Plans;

/// <summary>
/// A real <c>haproxy</c> on loopback for the plan benchmarks: frontend <c>fe</c> in front of backend <c>web</c>,
/// <c>option redispatch</c>, <c>retries 3</c>, an admin-level stats socket, and the servers given (with
/// <c>check inter 1s fall 2 rise 2</c> against <c>/health</c>, or <c>no check</c>). Killed on dispose.
/// </summary>
internal sealed class BenchHaproxy : IDisposable
{
    public const string Backend = "web";
    private const string Binary = "/usr/sbin/haproxy";
    private readonly Process _process;

    private BenchHaproxy(Process process, string socketPath, int frontendPort)
    {
        _process = process;
        SocketPath = socketPath;
        FrontendPort = frontendPort;
    }

    public string SocketPath { get; }

    public int FrontendPort { get; }

    public Uri FrontendUrl => new($"http://127.0.0.1:{FrontendPort}/");

    /// <summary>
    /// Starts haproxy over <paramref name="servers"/> (name, port) and waits until its socket answers.
    /// <paramref name="statsMaxconn"/> is the stats socket's <c>stats maxconn</c> (HAProxy's default is 10).
    /// </summary>
    public static async Task<BenchHaproxy> StartAsync(string dir, IReadOnlyList<(string Name, int Port)> servers, bool checks, int statsMaxconn = 10)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is not installed (apt-get install -y haproxy)");
        }
        var socket = Path.Combine(dir, "admin.sock");
        var frontend = ProcessLauncher.FreePort();
        var config = new StringBuilder($"""
            global
              stats socket {socket} mode 600 level admin
              stats timeout 30s
              stats maxconn {statsMaxconn}
              maxconn 4000

            defaults
              mode http
              timeout connect 1s
              timeout client 30s
              timeout server 30s
              timeout queue 5s
              timeout check 2s
              retries 3
              option redispatch

            frontend fe
              bind 127.0.0.1:{frontend}
              default_backend {Backend}

            backend {Backend}
              balance roundrobin
              option httpchk GET /health
              default-server inter 1s fall 2 rise 2

            """);
        foreach (var (name, port) in servers)
        {
            config.Append($"  server {name} 127.0.0.1:{port} {(checks ? "check" : "")}\n");
        }
        var path = Path.Combine(dir, "haproxy.cfg");
        await File.WriteAllTextAsync(path, config.ToString()).ConfigureAwait(false);
        var info = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-db", "-f", path })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var haproxy = new BenchHaproxy(process, socket, frontend);
        for (var i = 0; i < 150; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"haproxy exited with {process.ExitCode}; config {path}");
            }
            if (File.Exists(socket) && (await haproxy.TryCommandAsync("show info").ConfigureAwait(false))?.Contains("Name: HAProxy", StringComparison.Ordinal) == true)
            {
                return haproxy;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System).ConfigureAwait(false);
        }
        haproxy.Dispose();
        throw new TimeoutException($"haproxy did not answer on {socket}");
    }

    /// <summary>The <c>status</c> column of each server in <c>show stat</c> ("UP", "DOWN", "UP 1/2", "MAINT", "no check"…).</summary>
    public async Task<Dictionary<string, string>> StatusesAsync()
    {
        var text = await TryCommandAsync("show stat").ConfigureAwait(false) ?? throw new InvalidOperationException("haproxy did not answer show stat");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var status = Array.IndexOf(header, "status");
        return lines.Skip(1).Select(l => l.Split(','))
            .Where(f => f.Length > status && f[0] == Backend && f[1] is not ("FRONTEND" or "BACKEND"))
            .ToDictionary(f => f[1], f => f[status], StringComparer.Ordinal);
    }

    /// <summary>Polls every 10 ms until <paramref name="server"/> has <paramref name="status"/>; returns when it was first seen so.</summary>
    public async Task<DateTimeOffset> WaitForAsync(string server, string status, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if ((await StatusesAsync().ConfigureAwait(false)).GetValueOrDefault(server) == status)
            {
                return TimeProvider.System.GetUtcNow();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System).ConfigureAwait(false);
        }
        throw new TimeoutException($"{Backend}/{server} did not become {status} within {timeout.TotalSeconds} s");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }

    private async Task<string?> TryCommandAsync(string command)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), timeout.Token).ConfigureAwait(false);
            using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }
}
