using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Threading.Channels;
using Vigil.Agent.Actions;
using Vigil.Contracts.Agents;

namespace Vigil.Agent;

/// <summary>
/// The agent's loop: a report at once, then one every interval (on the injected clock, without drift), each
/// posted to <c>POST /api/v1/agents/report</c> with the agent's token; an extra report right after an action ran. A
/// failed post is logged and the next report goes out on time; the agent never takes instructions from the answer.
/// Beside it, when given one, the <see cref="ActionLoop"/> long-polls for action requests.
/// </summary>
internal sealed class AgentRunner(CheckCollector collector, Uri server, string token, TimeSpan interval, TimeProvider clock, TextWriter log)
{
    private readonly Channel<bool> _reportNow = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a report now (after an action, so the server sees its effect, e.g. a new boot id, at once).</summary>
    public void ReportNow() => _reportNow.Writer.TryWrite(true);

    /// <summary>
    /// Runs the reports (and <paramref name="actions"/>, when given) until cancelled; returns 3 when the server refuses
    /// the token (401/403), which retrying will not fix.
    /// </summary>
    public async Task<int> RunAsync(ActionLoop? actions, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var actionTask = actions?.RunAsync(stop.Token) ?? Task.CompletedTask;
        try
        {
            return await ReportLoopAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await actionTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<int> ReportLoopAsync(CancellationToken ct)
    {
        using var http = CreateHttp();
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            Task<bool>? tick = null;
            Task<bool>? wake = null;
            while (true)
            {
                var status = await ReportOnceAsync(http, ct).ConfigureAwait(false);
                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return 3;
                }
                tick ??= timer.WaitForNextTickAsync(ct).AsTask();
                wake ??= _reportNow.Reader.WaitToReadAsync(ct).AsTask();
                if (await Task.WhenAny(tick, wake).ConfigureAwait(false) == tick)
                {
                    if (!await tick.ConfigureAwait(false))
                    {
                        return 0;
                    }
                    tick = null;
                }
                else
                {
                    await wake.ConfigureAwait(false);
                    _reportNow.Reader.TryRead(out _);
                    wake = null;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        return 0;
    }

    /// <summary>An HTTP client for the server, carrying the agent token; a post may take at most one interval (5 s at least).</summary>
    public HttpClient CreateHttp(TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = timeout ?? (interval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : interval) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Collects and posts one report; returns the server's status, or null when it could not be reached.</summary>
    public async Task<HttpStatusCode?> ReportOnceAsync(HttpClient http, CancellationToken ct)
    {
        var report = await collector.CollectAsync(ct).ConfigureAwait(false);
        try
        {
            using var response = await http.PostAsJsonAsync("api/v1/agents/report", report, ContractJson.Options, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                await log.WriteLineAsync($"vigil agent: report refused: {(int)response.StatusCode} {body}").ConfigureAwait(false);
            }
            return response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            await log.WriteLineAsync($"vigil agent: cannot reach {server}: {e.Message}").ConfigureAwait(false);
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            await log.WriteLineAsync($"vigil agent: {server} did not answer in time").ConfigureAwait(false);
            return null;
        }
    }
}
