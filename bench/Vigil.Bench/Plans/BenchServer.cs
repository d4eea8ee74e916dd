using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Plans;

/// <summary>
/// The real built server (<c>vigil server</c>, SQLite in a temp folder) started from a configuration text, with an
/// admin client and the few calls the plan benchmarks make.
/// </summary>
internal sealed class BenchServer : IDisposable
{
    private readonly RunningServer _server;

    private BenchServer(RunningServer server, HttpClient admin)
    {
        _server = server;
        Admin = admin;
    }

    public Uri Url => _server.Url;

    public int Pid => _server.Pid;

    /// <summary>The admin token the server wrote at its first start.</summary>
    public string Token => _server.Token!;

    public HttpClient Admin { get; }

    public static async Task<BenchServer> StartAsync(string vigil, string dir, string configYaml)
    {
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, configYaml).ConfigureAwait(false);
        var system = new SystemUnderTest(SystemUnderTest.VigilName, vigil + " server --config {config} --listen 127.0.0.1:{port} --data {data}", "{data}/admin.token");
        var server = await RunningServer.StartAsync(system, config, Path.Combine(dir, "data"), Path.Combine(dir, "server.log")).ConfigureAwait(false);
        return new BenchServer(server, server.Client(64));
    }

    public async Task<(string Token, string ServerKey)> CreateAgentTokenAsync(string host)
    {
        using var response = await Admin.PostAsJsonAsync("api/v1/agents/tokens", new { host }).ConfigureAwait(false);
        var created = await ReadAsync(response, "POST /api/v1/agents/tokens").ConfigureAwait(false);
        return (created["token"]!.ToString(), created["serverKey"]!.ToString());
    }

    public async Task<JsonNode> GetAsync(string path)
    {
        using var response = await Admin.GetAsync(path).ConfigureAwait(false);
        return await ReadAsync(response, "GET " + path).ConfigureAwait(false);
    }

    /// <summary>POST /api/v1/plans/runs with the plan's YAML; the created run (or the dry run's answer).</summary>
    public async Task<JsonNode> PostPlanAsync(string yaml, bool dryRun = false)
    {
        using var content = new StringContent(new JsonObject { ["yaml"] = yaml, ["dryRun"] = dryRun }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Admin.PostAsync("api/v1/plans/runs", content).ConfigureAwait(false);
        return await ReadAsync(response, "POST /api/v1/plans/runs").ConfigureAwait(false);
    }

    /// <summary>Polls the run every 200 ms until its state is one of <paramref name="states"/>.</summary>
    public Task<JsonNode> WaitForRunAsync(string id, TimeSpan timeout, params string[] states) =>
        WaitForRunAsync(id, timeout, TimeSpan.FromMilliseconds(200), states);

    /// <summary>Reads the run every <paramref name="poll"/> until it is in one of <paramref name="states"/>.</summary>
    public async Task<JsonNode> WaitForRunAsync(string id, TimeSpan timeout, TimeSpan poll, params string[] states)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            var run = await GetAsync($"api/v1/plans/runs/{id}").ConfigureAwait(false);
            if (states.Contains(run["state"]!.ToString()))
            {
                return run;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"run {id} still {run["state"]} after {timeout.TotalSeconds} s: {run.ToJsonString()[..Math.Min(2000, run.ToJsonString().Length)]}");
            }
            await Task.Delay(poll, TimeProvider.System).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until the server has a report from <paramref name="host"/>.</summary>
    public async Task WaitForHostAsync(string host, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            using var response = await Admin.GetAsync($"api/v1/hosts/{host}").ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System).ConfigureAwait(false);
        }
        throw new TimeoutException($"no report from {host} within {timeout.TotalSeconds} s");
    }

    public void Dispose()
    {
        Admin.Dispose();
        _server.Dispose();
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {text}");
        }
        return JsonNode.Parse(text)!;
    }
}
