using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Server.Pools;

/// <summary>
/// A client of one HAProxy instance's Runtime API: one command per connection (HAProxy answers and closes),
/// each within <see cref="Timeout"/>. Every failure — no socket, refused, timeout, an error HAProxy printed —
/// comes back as a <see cref="RuntimeError"/>, never as an exception.
/// </summary>
public sealed class HaproxyRuntime(HaproxyEndpoint endpoint, TimeSpan timeout, TimeProvider clock)
{
    // show stat of a large configuration is a few hundred kB; more than this is not an answer we want.
    private const int MaxReplyBytes = 16 * 1024 * 1024;

    public HaproxyEndpoint Endpoint => endpoint;

    public TimeSpan Timeout => timeout;

    /// <summary><c>show stat &lt;backend&gt; 4 -1</c>: the backend's servers (type 4), all of them (-1).</summary>
    /// <remarks>
    /// Both reads are parsed where the answer was received, never made into one string: at 500 servers <c>show stat</c>
    /// is ~110 kB (~220 kB as a string) and <c>show servers state</c> ~60 kB, and as strings, read several times a second
    /// during a plan run, they were nearly all of the server's large-object allocations, each few seconds a background
    /// collection of the whole heap (docs/benchmarks.md, "Session 54").
    /// </remarks>
    public Task<RuntimeResult<IReadOnlyList<ServerStat>>> ShowStatAsync(string backend, CancellationToken ct, ReadInterner? interner = null) =>
        SendAsync($"show stat {backend} 4 -1", ct, null, reply => StatCsv.Parse(reply, backend, interner));

    public Task<RuntimeResult<IReadOnlyList<ServerStateRow>>> ShowServersStateAsync(string backend, CancellationToken ct, ReadInterner? interner = null) =>
        SendAsync($"show servers state {backend}", ct, null, reply => ServersStateTable.Parse(reply, backend, interner));

    public async Task<RuntimeResult<bool>> SetStateAsync(string backend, string server, AdminState state, CancellationToken ct) =>
        SetStateReply(await SendAsync(SetStateCommand(backend, server, state), ct).ConfigureAwait(false));

    /// <summary><c>set server &lt;backend&gt;/&lt;server&gt; state ready|drain|maint</c>.</summary>
    public static string SetStateCommand(string backend, string server, AdminState state) => $"set server {backend}/{server} state {state.ToString().ToLowerInvariant()}";

    /// <summary>What the answer to <see cref="SetStateCommand"/> says: success is an empty answer.</summary>
    public static RuntimeResult<bool> SetStateReply(RuntimeResult<string> reply) => reply.Ok ? RuntimeReplies.Empty(reply.Value!) : RuntimeResult<bool>.Failure(reply.Error!);

    public async Task<RuntimeResult<ServerWeight>> GetWeightAsync(string backend, string server, CancellationToken ct)
    {
        var reply = await SendAsync($"get weight {backend}/{server}", ct).ConfigureAwait(false);
        return reply.Ok ? RuntimeReplies.Weight(reply.Value!) : RuntimeResult<ServerWeight>.Failure(reply.Error!);
    }

    /// <summary>
    /// <c>wait &lt;delay&gt; srv-removable</c> (HAProxy 2.7+): true when the server is in maintenance with no
    /// connection left, false when <paramref name="delay"/> passed first. The connection stays open for the whole
    /// wait, so the command's own timeout is the delay plus <see cref="Timeout"/>.
    /// </summary>
    public async Task<RuntimeResult<bool>> WaitRemovableAsync(string backend, string server, TimeSpan delay, CancellationToken ct)
    {
        var ms = Math.Max(1, (long)delay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        var reply = await SendAsync($"wait {ms}ms srv-removable {backend}/{server}", ct, delay + timeout).ConfigureAwait(false);
        return reply.Ok ? RuntimeReplies.Wait(reply.Value!) : RuntimeResult<bool>.Failure(reply.Error!);
    }

    /// <summary>
    /// Several commands on one connection (<c>a; b; c</c>), each answer apart: for commands whose answer is at most one
    /// line. A reply that cannot be told apart is a <see cref="RuntimeErrorKind.BadReply"/> for all of them.
    /// </summary>
    public async Task<RuntimeResult<IReadOnlyList<string>>> SendEachAsync(IReadOnlyList<string> commands, CancellationToken ct)
    {
        foreach (var command in commands)
        {
            Check(command);
        }
        var reply = await SendCheckedAsync(string.Join("; ", commands), ct, null, Whole).ConfigureAwait(false);
        if (!reply.Ok)
        {
            return RuntimeResult<IReadOnlyList<string>>.Failure(reply.Error!);
        }
        return RuntimeReplies.Split(reply.Value!, commands.Count) is { } answers
            ? RuntimeResult<IReadOnlyList<string>>.Success(answers)
            : RuntimeResult<IReadOnlyList<string>>.Failure(RuntimeErrorKind.BadReply, $"{endpoint.Label}: {commands.Count} answers expected to '{string.Join("; ", commands)}'");
    }

    /// <summary>Concurrent Runtime API connections per HAProxy instance from this server.</summary>
    public const int MaxConnections = 6;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Slots = new(StringComparer.Ordinal);

    /// <summary>Sends one command and returns HAProxy's whole answer (possibly an error text, read by the caller).</summary>
    public Task<RuntimeResult<string>> SendAsync(string command, CancellationToken ct, TimeSpan? limit = null) =>
        SendAsync(command, ct, limit, Whole);

    private Task<RuntimeResult<T>> SendAsync<T>(string command, CancellationToken ct, TimeSpan? limit, ReplyReader<T> read)
    {
        Check(command);
        return SendCheckedAsync(command, ct, limit, read);
    }

    /// <summary>Reads an answer in the buffer it was received into (valid only during the call).</summary>
    private delegate RuntimeResult<T> ReplyReader<T>(ReadOnlySpan<char> reply);

    private static readonly ReplyReader<string> Whole = reply => RuntimeResult<string>.Success(reply.ToString());

    private static void Check(string command)
    {
        if (command.AsSpan().IndexOfAny('\n', '\r', ';') >= 0)
        {
            throw new ArgumentException("one Runtime API command: no ';' or line breaks", nameof(command));
        }
    }

    private async Task<RuntimeResult<T>> SendCheckedAsync<T>(string command, CancellationToken ct, TimeSpan? limit, ReplyReader<T> read)
    {
        if (endpoint.SocketPath is { } path && !File.Exists(path))
        {
            return RuntimeResult<T>.Failure(RuntimeErrorKind.Unreachable, $"{endpoint.Label}: no socket there (is HAProxy running with 'stats socket {path} level admin'?)");
        }
        // HAProxy's stats socket takes 10 connections by default (stats maxconn); beyond that connects fail, and an
        // operator's own socat needs room too. So at most MaxConnections at once per instance; the wait for a slot is
        // not part of the command's timeout.
        var slots = Slots.GetOrAdd(endpoint.Label, _ => new SemaphoreSlim(MaxConnections, MaxConnections));
        await slots.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await SendNowAsync(command, limit, read, ct).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<RuntimeResult<T>> SendNowAsync<T>(string command, TimeSpan? limit, ReplyReader<T> read, CancellationToken ct)
    {
        using var deadline = new CancellationTokenSource(limit ?? timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        using var socket = endpoint.SocketPath is not null
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            EndPoint remote = endpoint.SocketPath is { } p ? new UnixDomainSocketEndPoint(p)
                : IPAddress.TryParse(endpoint.Host, out var ip) ? new IPEndPoint(ip, endpoint.Port) : new DnsEndPoint(endpoint.Host!, endpoint.Port);
            await socket.ConnectAsync(remote, linked.Token).ConfigureAwait(false);
            await socket.SendAsync(Encoding.ASCII.GetBytes(command + "\n"), SocketFlags.None, linked.Token).ConfigureAwait(false);
            // Into rented arrays, each twice the last: `show stat` of 500 servers is ~110 kB, and a stream grown from
            // nothing (beside a 64 KiB receive buffer) left ~400 kB of garbage per read, most of it in the large object heap.
            var received = ArrayPool<byte>.Shared.Rent(16 * 1024);
            var length = 0;
            try
            {
                int n;
                while ((n = await socket.ReceiveAsync(received.AsMemory(length), SocketFlags.None, linked.Token).ConfigureAwait(false)) > 0)
                {
                    length += n;
                    if (length > MaxReplyBytes)
                    {
                        return RuntimeResult<T>.Failure(RuntimeErrorKind.BadReply, $"{endpoint.Label}: answer to '{command}' is larger than {MaxReplyBytes} bytes");
                    }
                    if (length == received.Length)
                    {
                        var bigger = ArrayPool<byte>.Shared.Rent(received.Length * 2);
                        received.AsSpan(0, length).CopyTo(bigger);
                        ArrayPool<byte>.Shared.Return(received);
                        received = bigger;
                    }
                }
                return Decoded(received, length, read);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(received);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return RuntimeResult<T>.Failure(RuntimeErrorKind.Timeout,
                $"{endpoint.Label}: no answer to '{command}' within {(limit ?? timeout).TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        }
        catch (SocketException e)
        {
            return RuntimeResult<T>.Failure(RuntimeErrorKind.Unreachable, $"{endpoint.Label}: {Describe(e)}");
        }
        catch (IOException e)
        {
            return RuntimeResult<T>.Failure(RuntimeErrorKind.Unreachable, $"{endpoint.Label}: {e.Message}");
        }
    }

    private static RuntimeResult<T> Decoded<T>(byte[] received, int length, ReplyReader<T> read)
    {
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(length));
        try
        {
            return read(chars.AsSpan(0, Encoding.UTF8.GetChars(received, 0, length, chars, 0)));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    private static string Describe(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused (HAProxy is not listening there)",
        SocketError.ConnectionReset => "connection reset",
        SocketError.AddressNotAvailable or SocketError.HostNotFound => "no such address",
        _ => e.Message,
    };
}
