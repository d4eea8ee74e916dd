using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Contracts.Agents;

namespace Vigil.Bench.Plans;

/// <summary>
/// One simulated host speaking the agent protocol: it reports every interval (one passing <c>/data</c> mount check),
/// long-polls <c>GET /api/v1/agents/actions?wait=25s</c>, says <c>running</c> for each request, and for <c>reboot</c>
/// goes silent for the downtime and comes back reporting a new boot id at once (as a real agent's first report does).
/// It reads requests without checking their signature: the bench measures the server, not the agent.
/// </summary>
internal sealed class SimAgent(HttpClient http, string host, string token, TimeSpan interval, TimeSpan downtime)
{
    private static readonly IReadOnlyList<CheckResult> Checks =
        [new CheckResult("mount", new Dictionary<string, string> { ["mountpoint"] = "/data" }, true, "/data is mounted")];

    private readonly SemaphoreSlim _reporting = new(1, 1);
    private string _boot = Guid.NewGuid().ToString();
    private DateTimeOffset _bootedAt = TimeProvider.System.GetUtcNow();
    private volatile bool _down;
    private string? _sentBoot;
    private int _reboots;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TimeSpan> _thinking = new(StringComparer.Ordinal);

    public string Host => host;

    public int Reboots => Volatile.Read(ref _reboots);

    /// <summary>
    /// Per action id, this simulated agent's own time: from the long-poll's answer arriving to its <c>running</c> report
    /// leaving. On a loaded machine the bench's process is as starved as the server, so "answers at once" is not free.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> Thinking => _thinking;

    /// <summary>
    /// When the first report with the latest reboot's new boot id left this agent (the bench's clock, the machine's wall
    /// clock as the server's): a <c>wait: host_back</c> has nothing left to wait for from then on. The server's own stamp of
    /// that report is taken only once it takes the report up, so it would hide any queue before that.
    /// </summary>
    public DateTimeOffset? BackReportSentAt { get; private set; }

    /// <summary>
    /// Runs, once in this process and without the server, the code a simulated agent runs when a request reaches it: the
    /// poll's answer read as JSON, the request read from its payload, a report serialized into its request. The first
    /// run's first batch otherwise met that code cold: 50 answers at once, compiled by the bench's just-in-time compiler
    /// on one core for ~45 ms (seen with <c>perf record -a</c>) while the server waited for the reports, and only the
    /// part after each answer was read counted as the agents' own time.
    /// </summary>
    public static async Task WarmUpAsync()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var now = TimeProvider.System.GetUtcNow();
        var made = ActionSigning.Sign(new ActionRequest("warm-up", "h000", "reboot", "bench warm-up", "n", now, now.AddMinutes(1)), key);
        using var answer = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new ActionPoll([made]), ContractJson.Options))
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/json") },
        };
        var poll = await answer.ReadFromJsonAsync<ActionPoll>(ContractJson.Options).ConfigureAwait(false);
        foreach (var signed in poll?.Requests ?? [])
        {
            if (ActionSigning.ReadUnverified(signed) is { } action)
            {
                using var report = OutcomeRequest(action.Id, new ActionReport("running", Message: "bench: running " + action.Action), "warm-up");
                await report.Content!.CopyToAsync(Stream.Null).ConfigureAwait(false);
            }
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        await ReportAsync(stop).ConfigureAwait(false);
        await Task.WhenAll(ReportLoopAsync(stop), PollLoopAsync(stop)).ConfigureAwait(false);
    }

    public async Task ReportAsync(CancellationToken ct)
    {
        await _reporting.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var boot = _boot;
            var uptime = (TimeProvider.System.GetUtcNow() - _bootedAt).TotalSeconds + 1;
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/agents/report")
            {
                Content = JsonContent.Create(new AgentReport(host, boot, uptime, interval.TotalSeconds, Checks, "bench-sim"), options: ContractJson.Options),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (boot != _sentBoot)
            {
                BackReportSentAt = _sentBoot is null ? null : TimeProvider.System.GetUtcNow();
                _sentBoot = boot;
            }
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
        finally
        {
            _reporting.Release();
        }
    }

    private async Task ReportLoopAsync(CancellationToken stop)
    {
        // Spread the fleet's reports over the interval.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * interval.TotalMilliseconds), TimeProvider.System, stop).ConfigureAwait(false);
        using var timer = new PeriodicTimer(interval, TimeProvider.System);
        do
        {
            if (!_down)
            {
                await Try(() => ReportAsync(stop)).ConfigureAwait(false);
            }
        }
        while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false));
    }

    private async Task PollLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            ActionPoll? poll = null;
            long answered = 0;
            await Try(async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/agents/actions?wait=25s");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, stop).ConfigureAwait(false);
                answered = System.Diagnostics.Stopwatch.GetTimestamp();
                poll = await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ActionPoll>(ContractJson.Options, stop).ConfigureAwait(false);
            }).ConfigureAwait(false);
            foreach (var signed in poll?.Requests ?? [])
            {
                if (ActionSigning.ReadUnverified(signed) is { } action)
                {
                    await Try(() => HandleAsync(action, answered, stop)).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task HandleAsync(ActionRequest action, long answered, CancellationToken stop)
    {
        await OutcomeAsync(action.Id, new ActionReport("running", Message: "bench: running " + action.Action), stop,
            () => _thinking[action.Id] = System.Diagnostics.Stopwatch.GetElapsedTime(answered)).ConfigureAwait(false);
        if (action.Action != "reboot")
        {
            await OutcomeAsync(action.Id, new ActionReport("succeeded", Message: "exit code 0", ExitCode: 0), stop).ConfigureAwait(false);
            return;
        }
        // A reboot's outcome is the new boot id, reported once the host is back (nothing else is said about it).
        _ = Task.Run(async () =>
        {
            _down = true;
            await Task.Delay(downtime, TimeProvider.System, stop).ConfigureAwait(false);
            _boot = Guid.NewGuid().ToString();
            _bootedAt = TimeProvider.System.GetUtcNow();
            _down = false;
            Interlocked.Increment(ref _reboots);
            await Try(() => ReportAsync(stop)).ConfigureAwait(false);
        }, stop);
    }

    private async Task OutcomeAsync(string id, ActionReport report, CancellationToken ct, Action? sending = null)
    {
        // Serialized here, not lazily while the request is sent: the agent's own work belongs in its own time (the
        // first report of a fresh bench process builds the serializer's metadata, which is not the server's).
        using var request = OutcomeRequest(id, report, token);
        sending?.Invoke();
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static HttpRequestMessage OutcomeRequest(string id, ActionReport report, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/agents/actions/{Uri.EscapeDataString(id)}")
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(report, ContractJson.Options)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>A failed call is retried by the loop's next round (as the real agent does), after a short pause.</summary>
    private static async Task Try(Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System).ConfigureAwait(false);
        }
    }
}
