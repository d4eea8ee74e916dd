using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// One real <c>haproxy</c> process of <see cref="HaproxyRig"/>: its admin socket (unix and TCP), its frontend, and
/// ways to break it (<see cref="Kill"/>, <see cref="RemoveSocket"/>). <see cref="CommandAsync"/> talks to the socket
/// with its own few lines of code, so tests check HAProxy's state independently of Vigil's client.
/// </summary>
public sealed class RigHaproxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private RigHaproxy(Process process, StringBuilder stderr, string dir, int frontendPort, int adminPort)
    {
        _process = process;
        _stderr = stderr;
        Dir = dir;
        FrontendPort = frontendPort;
        AdminPort = adminPort;
    }

    public string Dir { get; }

    public string SocketPath => Path.Combine(Dir, "admin.sock");

    public string ConfigPath => Path.Combine(Dir, "haproxy.cfg");

    /// <summary>The TCP admin socket (<c>stats socket ipv4@127.0.0.1:PORT level admin</c>).</summary>
    public int AdminPort { get; }

    public int FrontendPort { get; }

    public string FrontendUrl => $"http://127.0.0.1:{FrontendPort}/";

    public bool Exited => _process.HasExited;

    /// <summary>
    /// Starts HAProxy on two free loopback ports. A port found free can be taken by another process before HAProxy binds
    /// it; the configuration has <c>noreuseport</c>, so that is a failed bind (not two listeners sharing the port's
    /// connections, as with HAProxy's default SO_REUSEPORT: a client's request then reached another test's admin socket),
    /// and the start is tried again on other ports.
    /// </summary>
    internal static async Task<RigHaproxy> StartAsync(string dir, Func<int, int, string> config)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dir, config);
            }
            catch (PortTakenException) when (attempt < 5)
            {
            }
        }
    }

    private sealed class PortTakenException(string message) : Exception(message);

    private static async Task<RigHaproxy> StartOnceAsync(string dir, Func<int, int, string> config)
    {
        var frontendPort = ExternalTool.FreePort();
        var adminPort = ExternalTool.FreePort();
        await File.WriteAllTextAsync(Path.Combine(dir, "haproxy.cfg"), config(frontendPort, adminPort));
        var psi = new ProcessStartInfo(HaproxyRig.HaproxyPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-db", "-f", Path.Combine(dir, "haproxy.cfg") })
        {
            psi.ArgumentList.Add(a);
        }
        var stderr = new StringBuilder();
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (stderr) { stderr.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var haproxy = new RigHaproxy(process, stderr, dir, frontendPort, adminPort);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit(); // the output read to its end
                var output = haproxy.Output;
                process.Dispose();
                throw output.Contains("cannot bind", StringComparison.OrdinalIgnoreCase) || output.Contains("Address already in use", StringComparison.Ordinal)
                    ? new PortTakenException($"haproxy could not bind port {frontendPort} or {adminPort}: {output}")
                    : new InvalidOperationException($"haproxy exited with {process.ExitCode}: {output}");
            }
            if (File.Exists(haproxy.SocketPath) && (await haproxy.TryCommandAsync("show info"))?.Contains("Name: HAProxy", StringComparison.Ordinal) == true)
            {
                return haproxy;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"haproxy did not answer on {haproxy.SocketPath}: {haproxy.Output}");
            }
            await Task.Delay(20);
        }
    }

    public string Output
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Sends one command on the unix admin socket and returns the whole answer.</summary>
    public async Task<string> CommandAsync(string command) =>
        await TryCommandAsync(command) ?? throw new InvalidOperationException($"haproxy at {SocketPath} did not answer '{command}'");

    /// <summary>The <c>status</c> column of <paramref name="server"/> in <c>show stat</c> ("UP", "DOWN", "UP 1/2", "MAINT"…).</summary>
    public async Task<string> StatusOfAsync(string backend, string server)
    {
        var lines = (await CommandAsync("show stat")).Split('\n');
        var header = lines[0].TrimStart('#', ' ').Split(',');
        var status = Array.IndexOf(header, "status");
        var row = lines.Select(l => l.Split(',')).FirstOrDefault(f => f.Length > status && f[0] == backend && f[1] == server)
            ?? throw new InvalidOperationException($"no {backend}/{server} in show stat");
        return row[status];
    }

    /// <summary>The <c>srv_admin_state</c> flags of <paramref name="server"/> in <c>show servers state</c> (1 maint, 8 drain).</summary>
    public async Task<int> AdminFlagsOfAsync(string backend, string server)
    {
        var lines = (await CommandAsync($"show servers state {backend}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[1].TrimStart('#', ' ').Split(' ');
        var row = lines.Skip(2).Select(l => l.Split(' ')).First(f => f[Array.IndexOf(header, "srv_name")] == server);
        return int.Parse(row[Array.IndexOf(header, "srv_admin_state")], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>SIGKILL: the socket file stays behind, and connecting to it is refused.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Deletes the admin socket file while HAProxy keeps running.</summary>
    public void RemoveSocket() => File.Delete(SocketPath);

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string?> TryCommandAsync(string command)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), timeout.Token);
            await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), timeout.Token);
            using var stream = new NetworkStream(socket);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return await reader.ReadToEndAsync(timeout.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return null;
        }
    }
}
