using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Vigil.Contracts.Agents;

namespace Vigil.Agent;

/// <summary>
/// The agent's loop: a report at once, then one every interval (on the injected clock, without drift), each
/// posted to <c>POST /api/v1/agents/report</c> with the agent's token. A failed post is logged and the next
/// report goes out on time; the agent never takes instructions from the answer.
/// </summary>
internal sealed class AgentRunner(CheckCollector collector, Uri server, string token, TimeSpan interval, TimeProvider clock, TextWriter log)
{
    /// <summary>Runs until cancelled; returns 3 when the server refuses the token (401/403), which retrying will not fix.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        using var http = CreateHttp();
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                var status = await ReportOnceAsync(http, ct).ConfigureAwait(false);
                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    return 3;
                }
            }
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        return 0;
    }

    /// <summary>An HTTP client for the server, carrying the agent token; a post may take at most one interval (5 s at least).</summary>
    public HttpClient CreateHttp()
    {
        var http = new HttpClient { BaseAddress = server, Timeout = interval < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : interval };
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
