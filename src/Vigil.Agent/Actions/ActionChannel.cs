using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Actions;

/// <summary>
/// The agent's side of the action channel, which the agent always opens (it listens on no port): a long-poll for
/// requests (<c>GET api/v1/agents/actions?wait=</c>) and reports about them (<c>POST api/v1/agents/actions/{id}</c>).
/// </summary>
internal sealed class ActionChannel(HttpClient http, TextWriter log)
{
    /// <summary>Waits up to <paramref name="wait"/> for requests; the status is null when the server could not be reached.</summary>
    public async Task<(HttpStatusCode? Status, IReadOnlyList<SignedActionRequest> Requests)> PollAsync(TimeSpan wait, CancellationToken ct)
    {
        var seconds = ((int)wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        try
        {
            using var response = await http.GetAsync($"api/v1/agents/actions?wait={seconds}s", ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (response.StatusCode, []);
            }
            var poll = await response.Content.ReadFromJsonAsync<ActionPoll>(ContractJson.Options, ct).ConfigureAwait(false);
            return (response.StatusCode, poll?.Requests ?? []);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            await log.WriteLineAsync($"vigil agent: polling for actions failed: {e.Message}").ConfigureAwait(false);
            return (null, []);
        }
    }

    /// <summary>Posts one report; returns the server's status (and its problem detail), or null when it could not be reached.</summary>
    public async Task<(HttpStatusCode? Status, string Detail)> ReportAsync(string id, ActionReport report, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync($"api/v1/agents/actions/{Uri.EscapeDataString(id)}", report, ContractJson.Options, ct).ConfigureAwait(false);
            var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            return (response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return (null, e.Message);
        }
    }
}
