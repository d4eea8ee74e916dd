using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Drill.Demo;

/// <summary>
/// A simulated HAProxy: its Runtime API on a loopback TCP port, speaking the subset Vigil's pool code sends (<c>show
/// stat</c>, <c>show servers state</c>, <c>set server B/S state</c>, <c>enable</c>/<c>disable server</c>, <c>get
/// weight</c>, <c>wait … srv-removable</c>), one command per connection as HAProxy answers a non-interactive client.
/// Each server's health check passes while the fleet says its host serves; an instance running on a simulated host that
/// is down resets every connection, as a machine that is off would refuse them.
/// </summary>
internal sealed class SimHaproxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, List<SimServer>> _backends;
    private readonly Func<string, bool> _serves;
    private readonly Func<bool> _reachable;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _accepting = Task.CompletedTask;

    private SimHaproxy(string label, Dictionary<string, List<SimServer>> backends, Func<string, bool> serves, Func<bool> reachable, TimeProvider clock)
    {
        Label = label;
        _backends = backends;
        _serves = serves;
        _reachable = reachable;
        _clock = clock;
    }

    /// <summary>Which HAProxy this stands for ("edge", "lb-1").</summary>
    public string Label { get; }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string Address => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Starts listening. <paramref name="backends"/>: backend name → its servers as (HAProxy name, host).</summary>
    public static SimHaproxy Start(string label, IReadOnlyDictionary<string, (string Server, string Host)[]> backends,
        Func<string, bool> serves, Func<bool> reachable, TimeProvider clock)
    {
        var lists = backends.ToDictionary(b => b.Key, b => b.Value.Select((s, i) => new SimServer(b.Key, s.Server, s.Host, i + 1)).ToList(), StringComparer.Ordinal);
        var haproxy = new SimHaproxy(label, lists, serves, reachable, clock);
        haproxy._listener.Start();
        haproxy._accepting = haproxy.AcceptAsync(haproxy._stop.Token);
        return haproxy;
    }

    /// <summary>What an operator set on the server: <c>ready</c>, <c>drain</c> or <c>maint</c> (null when there is no such server).</summary>
    public string? AdminOf(string backend, string server)
    {
        lock (_gate)
        {
            return Find(backend, server)?.Admin;
        }
    }

    /// <summary>Whether the server takes new traffic: its check passes and nobody drained it or put it in maintenance.</summary>
    public bool TakesTraffic(string backend, string server)
    {
        lock (_gate)
        {
            return Find(backend, server) is { Admin: "ready" } s && _serves(s.Host);
        }
    }

    /// <summary>The answer to one command line, as HAProxy would give it (<c>wait</c> is answered by <see cref="AnswerAsync"/>).</summary>
    public string Answer(string command)
    {
        var w = command.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lock (_gate)
        {
            return w switch
            {
                ["show", "stat", .. var rest] => ShowStat(rest),
                ["show", "servers", "state", .. var rest] => ShowServersState(rest),
                ["set", "server", var target, "state", var state] => SetState(target, state),
                ["set", "server", _, "state", ..] => SimHaproxyText.BadState,
                ["disable", "server", var target] => SetState(target, "maint"),
                ["enable", "server", var target] => SetState(target, "ready"),
                ["get", "weight", var target] => Split(target) is var (b, s) && Find(b, s) is { } server
                    ? $"{(server.Admin == "drain" ? 0 : 1)} (initial 1)\n\n"
                    : _backends.ContainsKey(Split(target).Backend) ? SimHaproxyText.NoSuchServer : SimHaproxyText.NoSuchBackend,
                _ => SimHaproxyText.UnknownCommand,
            };
        }
    }

    /// <summary>Like <see cref="Answer"/>, and <c>wait &lt;delay&gt; srv-removable B/S</c> (HAProxy 2.7+): "Done." once in maintenance.</summary>
    public async Task<string> AnswerAsync(string command, CancellationToken ct)
    {
        var w = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (w is not ["wait", var delay, "srv-removable", var target] || !delay.EndsWith("ms", StringComparison.Ordinal)
            || !int.TryParse(delay[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            return Answer(command);
        }
        var (backend, server) = Split(target);
        var start = _clock.GetTimestamp();
        while (true)
        {
            var admin = AdminOf(backend, server);
            if (admin is null)
            {
                return SimHaproxyText.NoSuchServer;
            }
            if (admin == "maint")
            {
                return "Done.\n\n";
            }
            if (_clock.GetElapsedTime(start).TotalMilliseconds >= ms)
            {
                return "Wait delay expired.\n\n";
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), _clock, ct);
        }
    }

    private string ShowStat(string[] args)
    {
        if (args.Length > 0 && !_backends.ContainsKey(args[0]))
        {
            return SimHaproxyText.NoSuchProxy;
        }
        var servers = _backends.Where(b => args.Length == 0 || b.Key == args[0]).SelectMany(b => b.Value);
        return SimHaproxyText.Stat(servers.Select(s => (s, _serves(s.Host))).ToList());
    }

    private string ShowServersState(string[] args)
    {
        if (args.Length > 0 && !_backends.ContainsKey(args[0]))
        {
            return SimHaproxyText.CantFindBackend;
        }
        var text = new StringBuilder();
        var id = 2;
        foreach (var (name, servers) in _backends)
        {
            id++;
            if (args.Length == 0 || name == args[0])
            {
                var state = SimHaproxyText.ServersState(id, servers.Select(s => (s, _serves(s.Host))).ToList());
                text.Append(text.Length == 0 ? state : state[(state.IndexOf('\n', state.IndexOf('\n') + 1) + 1)..]);
            }
        }
        return text.ToString();
    }

    private string SetState(string target, string state)
    {
        if (state is not ("ready" or "drain" or "maint"))
        {
            return SimHaproxyText.BadState;
        }
        var (backend, name) = Split(target);
        if (!_backends.ContainsKey(backend))
        {
            return SimHaproxyText.NoSuchBackend;
        }
        if (Find(backend, name) is not { } server)
        {
            return SimHaproxyText.NoSuchServer;
        }
        server.Admin = state;
        return "\n";
    }

    private SimServer? Find(string backend, string server) =>
        _backends.TryGetValue(backend, out var list) ? list.Find(s => s.Name == server) : null;

    private static (string Backend, string Server) Split(string target) =>
        target.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? (target[..slash], target[(slash + 1)..]) : (target, "");

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = ServeAsync(socket, ct);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken ct)
    {
        using (socket)
        {
            try
            {
                if (!_reachable())
                {
                    socket.LingerState = new LingerOption(true, 0); // closing now sends a reset: "connection reset"
                    return;
                }
                var line = await ReadLineAsync(socket, ct);
                // Several commands on one line ("a; b; c") are answered one after another, as HAProxy does.
                var answer = new StringBuilder();
                foreach (var command in (line ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    answer.Append(await AnswerAsync(command, ct));
                }
                await socket.SendAsync(Encoding.ASCII.GetBytes(answer.ToString()), SocketFlags.None, ct);
                socket.Shutdown(SocketShutdown.Both);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away, or the demo is stopping.
            }
        }
    }

    private static async Task<string?> ReadLineAsync(Socket socket, CancellationToken ct)
    {
        // HAProxy reads a command line of up to its buffer size (tune.bufsize, 16 kB by default).
        var buffer = new byte[16384];
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, ct);
            if (n == 0)
            {
                break;
            }
            length += n;
            if (Array.IndexOf(buffer, (byte)'\n', 0, length) is var end and >= 0)
            {
                return Encoding.ASCII.GetString(buffer, 0, end).Trim();
            }
        }
        return length > 0 ? Encoding.ASCII.GetString(buffer, 0, length).Trim() : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
