using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>
/// The real agent (<c>vigil agent</c>, running, not <c>--once</c>) over a crafted <see cref="AgentRoot"/>, with an
/// agent.yaml that allow-lists the given actions and names the server's action key. Its nonces live under the root
/// (<c>/var/lib/vigil-agent</c>), so they survive a restart of the agent like a real host's.
/// </summary>
internal sealed class ActionAgent : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ActionAgent(string host, AgentRoot root, string token, string serverKey, string configPath)
    {
        Host = host;
        Root = root;
        Token = token;
        ServerKey = serverKey;
        ConfigPath = configPath;
    }

    public string Host { get; }

    public AgentRoot Root { get; }

    public string Token { get; }

    public string ServerKey { get; }

    public string ConfigPath { get; }

    /// <summary>What the agent printed so far (for assertion messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Creates the host's token, writes agent.yaml with <paramref name="actionsYaml"/> (the lines under <c>actions:</c>), starts the agent and waits for its first report.</summary>
    public static async Task<ActionAgent> StartAsync(IVigilServer vigil, string host, AgentRoot root, string actionsYaml)
    {
        var (token, serverKey) = await CreateTokenAsync(vigil, host);
        var configPath = Path.Join(root.Dir, "etc/vigil/agent.yaml");
        root.Write("/etc/vigil/agent.yaml", $"interval: 2s\nsystemd: {{enabled: false}}\nserver_key: {serverKey}\nactions:\n{actionsYaml}\n");
        var agent = new ActionAgent(host, root, token, serverKey, configPath);
        await agent.StartProcessAsync(vigil);
        return agent;
    }

    public static async Task<(string Token, string ServerKey)> CreateTokenAsync(IVigilServer vigil, string host)
    {
        var response = await vigil.Http.PostAsync("api/v1/agents/tokens", new StringContent($$"""{"host":"{{host}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (created["token"]!.ToString(), created["serverKey"]!.ToString());
    }

    /// <summary>Starts the agent (again) against <paramref name="vigil"/> and waits until the server has its report.</summary>
    public async Task StartProcessAsync(IVigilServer vigil)
    {
        await StopAsync();
        var before = await LastReportAsync(vigil);
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { VigilProcess.VigilDll, "agent", "--server", vigil.Url, "--token", Token, "--root", Root.Dir, "--host", Host, "--config", ConfigPath })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var reported = await Eventually.GetAsync(() => LastReportAsync(vigil), last => last is not null && last != before || _process.HasExited, TimeSpan.FromSeconds(60));
        Assert.True(reported is not null && reported != before && !_process.HasExited, $"the agent did not report: {Output}");
    }

    public async Task StopAsync()
    {
        if (_process is { } p)
        {
            if (!p.HasExited)
            {
                p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
            }
            p.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task<string?> LastReportAsync(IVigilServer vigil)
    {
        var response = await vigil.Http.GetAsync($"api/v1/hosts/{Host}");
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["summary"]!["lastReportAt"]!.ToString() : null;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
