using Vigil.Agent;
using Vigil.Agent.Actions;
using Vigil.Agent.Config;
using Vigil.Contracts.Agents;

namespace Vigil.Drill.Demo;

/// <summary>
/// The real host agent (the code behind <c>vigil agent --root DIR --config agent.yaml</c>) for one simulated host, run
/// in this process: its reports and its action channel. Stopping it is the host going silent (powered off, rebooting).
/// </summary>
internal sealed class DemoAgent(HostRoot root, string host, Uri server, string token, TextWriter log)
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;

    /// <summary>Starts the agent unless it runs; its configuration is read again from the host's agent.yaml.</summary>
    public void Start()
    {
        lock (_gate)
        {
            if (_stop is not null)
            {
                return;
            }
            var config = AgentConfigReader.LoadFile(root.AgentConfigPath);
            var files = new HostFiles(root.Dir);
            var runner = new AgentRunner(new CheckCollector(config, files, host), server, token, config.Interval, TimeProvider.System, log);
            var nonces = NonceStore.Open(NonceStore.PathIn(files.PathOf(config.StateDir)), TimeProvider.System.GetUtcNow());
            var keys = config.ServerKeys.Select(k => ActionSigning.ImportPublicKey(k)!).ToList();
            var actionHttp = runner.CreateHttp(ActionLoop.Wait + TimeSpan.FromSeconds(15));
            var channel = new ActionChannel(actionHttp, log);
            var handler = new ActionHandler(config.Actions, keys, host, nonces, channel, TimeProvider.System, log, runner.ReportNow);
            _stop = new CancellationTokenSource();
            var stop = _stop.Token;
            _running = Task.Run(async () =>
            {
                try
                {
                    await runner.RunAsync(new ActionLoop(channel, handler, TimeProvider.System, log), stop);
                }
                finally
                {
                    actionHttp.Dispose();
                }
            });
        }
    }

    /// <summary>Stops the agent (a report or poll in flight is cut off) and waits until it has.</summary>
    public async Task StopAsync()
    {
        Task running;
        CancellationTokenSource stop;
        lock (_gate)
        {
            if (_stop is null)
            {
                return;
            }
            stop = _stop;
            _stop = null;
            running = _running;
        }
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stop.Dispose();
    }
}
