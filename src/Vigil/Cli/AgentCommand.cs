using System.CommandLine;
using System.Text.Json.Nodes;
using Vigil.Agent;
using Vigil.Agent.Actions;
using Vigil.Agent.Config;
using Vigil.Contracts.Agents;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil agent --server URL --token TOKEN [--config agent.yaml] [--root DIR] [--host NAME]</c> runs the host
/// agent; <c>vigil agent token create HOST</c> makes a token bound to a host (needs an admin token); <c>vigil agent key</c>
/// prints the server's public action key for the agents' <c>server_key</c>.
/// </summary>
internal static class AgentCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "the Vigil server URL, e.g. http://vigil:9093", Required = true };
        var token = new Option<string?>("--token") { Description = "this host's agent token (or env VIGIL_AGENT_TOKEN)" };
        var config = new Option<string?>("--config") { Description = "agent configuration file (agent.yaml); default: mounts, systemd and the default route only" };
        var root = new Option<string?>("--root") { Description = "read every host file (/etc/fstab, /proc/...) under this folder instead of /" };
        var host = new Option<string?>("--host") { Description = "host name to report as (default: the config's host, else the machine name)" };
        var once = new Option<bool>("--once") { Description = "report once and exit" };
        var command = new Command("agent", "Run the host agent: report mounts, systemd, processes, network, disk and command checks every interval.")
        {
            server, token, config, root, host, once,
        };
        command.SetAction(async (parse, ct) =>
        {
            AgentConfig agentConfig;
            try
            {
                agentConfig = parse.GetValue(config) is { } path ? AgentConfigReader.LoadFile(path) : new AgentConfig();
            }
            catch (AgentConfigException e)
            {
                await Console.Error.WriteLineAsync($"vigil agent: invalid configuration: {e.Message}");
                return 2;
            }
            var secret = parse.GetValue(token) ?? Environment.GetEnvironmentVariable("VIGIL_AGENT_TOKEN");
            if (string.IsNullOrWhiteSpace(secret))
            {
                await Console.Error.WriteLineAsync("vigil agent: --token is required (create one with `vigil agent token create HOST`)");
                return 2;
            }
            var name = parse.GetValue(host) ?? agentConfig.Host ?? Environment.MachineName;
            var files = new HostFiles(parse.GetValue(root));
            var collector = new CheckCollector(agentConfig, files, name);
            var runner = new AgentRunner(collector, new Uri(parse.GetValue(server)!.TrimEnd('/') + "/"), secret.Trim(), agentConfig.Interval, TimeProvider.System, Console.Error);
            if (parse.GetValue(once))
            {
                using var http = runner.CreateHttp();
                var status = await runner.ReportOnceAsync(http, ct);
                return status is { } s && (int)s < 300 ? 0 : 1;
            }
            NonceStore? nonces = null;
            if (agentConfig.Actions.Count > 0)
            {
                var path = NonceStore.PathIn(files.PathOf(agentConfig.StateDir));
                try
                {
                    nonces = NonceStore.Open(path, TimeProvider.System.GetUtcNow());
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"vigil agent: cannot keep the action nonces in {path}: {e.Message}");
                    return 2;
                }
            }
            var keys = agentConfig.ServerKeys.Select(k => ActionSigning.ImportPublicKey(k)!).ToList();
            using var actionHttp = runner.CreateHttp(ActionLoop.Wait + TimeSpan.FromSeconds(15));
            var channel = new ActionChannel(actionHttp, Console.Error);
            var handler = new ActionHandler(agentConfig.Actions, keys, name, nonces, channel, TimeProvider.System, Console.Error, runner.ReportNow);
            return await runner.RunAsync(new ActionLoop(channel, handler, TimeProvider.System, Console.Error), ct);
        });
        command.Subcommands.Add(CreateToken());
        command.Subcommands.Add(CreateKey());
        return command;
    }

    private static Command CreateKey()
    {
        var client = new ClientOptions();
        var key = new Command("key", "Print the server's public action key: what every agent's agent.yaml names as server_key to accept actions.");
        client.AddTo(key);
        key.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.GetAsync("api/v1/agents/key", ct);
            Console.WriteLine(client.WantsJson(parse) ? json : JsonNode.Parse(json)!["serverKey"]);
        }));
        return key;
    }

    private static Command CreateToken()
    {
        var client = new ClientOptions();
        var host = new Argument<string>("HOST") { Description = "the host whose agent will use the token" };
        var create = new Command("create", "Create an agent token bound to HOST; it is printed once.") { host };
        client.AddTo(create);
        create.SetAction((parse, ct) => AlertsCommand.Run(parse, client, async c =>
        {
            var json = await c.PostJsonAsync("api/v1/agents/tokens", new JsonObject { ["host"] = parse.GetValue(host) }, ct);
            if (client.WantsJson(parse))
            {
                Console.WriteLine(json);
                return;
            }
            var created = JsonNode.Parse(json)!;
            await Console.Error.WriteLineAsync($"created an agent token for host '{created["host"]}'; it is shown only once:");
            Console.WriteLine(created["token"]);
            await Console.Error.WriteLineAsync($"the server's action key, for the agent's agent.yaml (needed only to allow actions):\nserver_key: {created["serverKey"]}");
        }));
        var token = new Command("token", "Manage agent tokens.");
        token.Subcommands.Add(create);
        return token;
    }
}
