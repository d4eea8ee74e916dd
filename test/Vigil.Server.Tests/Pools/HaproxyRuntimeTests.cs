using System.Net;
using System.Net.Sockets;
using Vigil.Server.Pools;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Pools;

/// <summary>The Runtime API client against a real HAProxy: both transports, the commands, and every failure as a value.</summary>
public sealed class HaproxyRuntimeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Runtime_OverUnixSocketAndTcp_ReadsTheBackendsServers()
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2);
        await rig.WaitForStatusAsync("s2", "UP");
        var lb = rig.Instances[0];
        foreach (var endpoint in new[] { HaproxyEndpoint.Socket(lb.SocketPath), HaproxyEndpoint.Address("127.0.0.1", lb.AdminPort) })
        {
            var runtime = new HaproxyRuntime(endpoint, Timeout, TimeProvider.System);
            var stats = await runtime.ShowStatAsync(HaproxyRig.Backend, TestContext.Current.CancellationToken);
            Assert.True(stats.Ok, stats.Error?.Message);
            Assert.Equal(["s1", "s2"], stats.Value!.Select(s => s.Server));
            Assert.All(stats.Value!, s => Assert.Equal((ServerStatus.Up, "L7OK"), (s.Status, s.CheckStatus)));
            // A check that is running at this very moment has no code yet.
            Assert.All(stats.Value!, s => Assert.Contains(s.CheckCode, new[] { "200", null }));
            var states = await runtime.ShowServersStateAsync(HaproxyRig.Backend, TestContext.Current.CancellationToken);
            Assert.Equal([AdminState.Ready, AdminState.Ready], states.Value!.Select(s => s.Admin));
        }
    }

    [Fact]
    public async Task Runtime_ABackendOf400Servers_IsReadWhole_OverBothTransports()
    {
        // ~90 kB of show stat and ~50 kB of servers state: answers many times larger than the first receive buffer,
        // parsed where they were received. The last server is in maintenance, so the end of each answer is read too.
        var dir = Directory.CreateTempSubdirectory("vigil-hx-large-").FullName;
        try
        {
            await using var lb = await RigHaproxy.StartAsync(dir, (frontend, admin) => ManyServers(dir, frontend, admin, 400));
            var ct = TestContext.Current.CancellationToken;
            var names = Enumerable.Range(1, 400).Select(i => $"member-{i:000}-of-a-large-web-pool").ToList();
            Assert.Equal("", (await lb.CommandAsync($"set server {HaproxyRig.Backend}/{names[^1]} state maint")).Trim());
            foreach (var endpoint in new[] { HaproxyEndpoint.Socket(lb.SocketPath), HaproxyEndpoint.Address("127.0.0.1", lb.AdminPort) })
            {
                var runtime = new HaproxyRuntime(endpoint, Timeout, TimeProvider.System);
                var stats = await runtime.ShowStatAsync(HaproxyRig.Backend, ct);
                Assert.True(stats.Ok, stats.Error?.Message);
                Assert.Equal(names, stats.Value!.Select(s => s.Server));
                Assert.All(stats.Value!.SkipLast(1), s => Assert.Equal(ServerStatus.NoCheck, s.Status));
                Assert.Equal(ServerStatus.Maint, stats.Value![^1].Status);
                var states = await runtime.ShowServersStateAsync(HaproxyRig.Backend, ct);
                Assert.True(states.Ok, states.Error?.Message);
                Assert.Equal(names, states.Value!.Select(s => s.Server));
                Assert.Equal([.. Enumerable.Repeat(AdminState.Ready, 399), AdminState.Maint], states.Value!.Select(s => s.Admin));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string ManyServers(string dir, int frontendPort, int adminPort, int count)
    {
        var config = new System.Text.StringBuilder($"""
            global
              noreuseport
              stats socket {dir}/admin.sock mode 600 level admin
              stats socket ipv4@127.0.0.1:{adminPort} level admin

            defaults
              mode http
              timeout connect 1s
              timeout client 30s
              timeout server 30s

            frontend fe
              bind 127.0.0.1:{frontendPort}
              default_backend {HaproxyRig.Backend}

            backend {HaproxyRig.Backend}

            """);
        for (var i = 1; i <= count; i++)
        {
            // No checks: nothing listens there, and the servers stay as configured ("no check").
            config.Append($"  server member-{i:000}-of-a-large-web-pool 127.0.0.1:{9 + i}\n");
        }
        return config.ToString();
    }

    [Fact]
    public async Task Runtime_SetState_ChangesHAProxy_AndGetWeightReadsIt()
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 2);
        var lb = rig.Instances[0];
        var runtime = new HaproxyRuntime(HaproxyEndpoint.Socket(lb.SocketPath), Timeout, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        Assert.True((await runtime.SetStateAsync(HaproxyRig.Backend, "s1", AdminState.Drain, ct)).Ok);
        Assert.Equal(("DRAIN", 8), (await lb.StatusOfAsync(HaproxyRig.Backend, "s1"), await lb.AdminFlagsOfAsync(HaproxyRig.Backend, "s1")));
        Assert.True((await runtime.SetStateAsync(HaproxyRig.Backend, "s1", AdminState.Maint, ct)).Ok);
        Assert.Equal(("MAINT", 1), (await lb.StatusOfAsync(HaproxyRig.Backend, "s1"), await lb.AdminFlagsOfAsync(HaproxyRig.Backend, "s1")));
        Assert.True((await runtime.SetStateAsync(HaproxyRig.Backend, "s1", AdminState.Ready, ct)).Ok);
        Assert.Equal(0, await lb.AdminFlagsOfAsync(HaproxyRig.Backend, "s1"));
        Assert.Equal(new ServerWeight(1, 1), (await runtime.GetWeightAsync(HaproxyRig.Backend, "s2", ct)).Value);
    }

    [Fact]
    public async Task Runtime_HAProxysRefusals_AreValues()
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 1);
        var runtime = new HaproxyRuntime(HaproxyEndpoint.Socket(rig.Instances[0].SocketPath), Timeout, TimeProvider.System);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(RuntimeErrorKind.NotFound, (await runtime.SetStateAsync(HaproxyRig.Backend, "s9", AdminState.Drain, ct)).Error!.Kind);
        Assert.Equal(RuntimeErrorKind.NotFound, (await runtime.SetStateAsync("nope", "s1", AdminState.Drain, ct)).Error!.Kind);
        Assert.Equal(RuntimeErrorKind.NotFound, (await runtime.ShowStatAsync("nope", ct)).Error!.Kind);
        Assert.Equal(RuntimeErrorKind.NotFound, (await runtime.ShowServersStateAsync("nope", ct)).Error!.Kind);
        Assert.Equal(RuntimeErrorKind.NotFound, (await runtime.GetWeightAsync(HaproxyRig.Backend, "s9", ct)).Error!.Kind);
        // HAProxy 2.6 has no "wait"; 2.7 added it. Either way the answer is a value.
        var wait = await runtime.WaitRemovableAsync(HaproxyRig.Backend, "s1", TimeSpan.FromMilliseconds(100), ct);
        Assert.True(wait.Error?.Kind == RuntimeErrorKind.UnknownCommand || wait is { Ok: true, Value: false }, wait.Error?.Message);
    }

    [Fact]
    public async Task Runtime_NothingListening_IsUnreachable_NeverAnException()
    {
        await using var rig = await HaproxyRig.StartAsync(servers: 1);
        var lb = rig.Instances[0];
        var ct = TestContext.Current.CancellationToken;
        lb.Kill();

        var refused = await new HaproxyRuntime(HaproxyEndpoint.Socket(lb.SocketPath), Timeout, TimeProvider.System).ShowStatAsync(HaproxyRig.Backend, ct);
        Assert.Equal(RuntimeErrorKind.Unreachable, refused.Error!.Kind);
        Assert.Contains("connection refused", refused.Error.Message, StringComparison.Ordinal);

        var tcp = await new HaproxyRuntime(HaproxyEndpoint.Address("127.0.0.1", lb.AdminPort), Timeout, TimeProvider.System).ShowStatAsync(HaproxyRig.Backend, ct);
        Assert.Equal(RuntimeErrorKind.Unreachable, tcp.Error!.Kind);

        lb.RemoveSocket();
        var missing = await new HaproxyRuntime(HaproxyEndpoint.Socket(lb.SocketPath), Timeout, TimeProvider.System).SetStateAsync(HaproxyRig.Backend, "s1", AdminState.Drain, ct);
        Assert.Equal(RuntimeErrorKind.Unreachable, missing.Error!.Kind);
        Assert.Contains("no socket there", missing.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runtime_PeerThatNeverAnswers_TimesOut()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var accepted = silent.AcceptSocketAsync(TestContext.Current.CancellationToken);
        var runtime = new HaproxyRuntime(HaproxyEndpoint.Address("127.0.0.1", port), TimeSpan.FromMilliseconds(300), TimeProvider.System);

        var result = await runtime.ShowStatAsync("web", TestContext.Current.CancellationToken);
        Assert.Equal(RuntimeErrorKind.Timeout, result.Error!.Kind);
        Assert.Contains("no answer to 'show stat web 4 -1' within 0.3 s", result.Error.Message, StringComparison.Ordinal);
        (await accepted).Dispose();
    }
}
