using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Fuzz;

/// <summary>
/// Sends generated requests one at a time and checks each answer: never 5xx, never slower than the timeout, nothing
/// logged as an error (an accepted request that breaks something behind the answer), and a refused request leaves the
/// state digest as it was. Refused reads (GET, HEAD) are checked in batches, since a read cannot change anything it
/// might be blamed for; a refused write is checked at once, so a change is pinned on it.
/// </summary>
internal sealed class FuzzRun(VigilInstance vigil, HttpClient http, RequestGenerator generator, Func<FuzzCaller, string?> token, long maxBodyBytes, CapturedLog log)
{
    private const int ReadBatch = 20;

    private readonly List<(int Index, FuzzRequest Request)> _pendingReads = [];
    private string _baseline = "";
    private int _logSeen;

    public List<string> Failures { get; } = [];

    public Dictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public int Accepted { get; private set; }

    public int Refused { get; private set; }

    public int StateChecks { get; private set; }

    public async Task StartAsync() => _baseline = await StateDigest.SettledAsync(vigil.Http);

    public async Task SendAsync(FuzzRequest request, int index)
    {
        Hits[request.Endpoint.Key] = Hits.GetValueOrDefault(request.Endpoint.Key) + 1;
        var writes = request.Endpoint.Changes || request.Endpoint.Route.StartsWith("/hb/", StringComparison.Ordinal);
        if (writes)
        {
            await CheckPendingReadsAsync();
        }
        using var message = request.ToMessage(token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message);
        }
        catch (TaskCanceledException)
        {
            await FailAndResettleAsync($"#{index} no answer within {http.Timeout.TotalSeconds} s: {request}");
            return;
        }
        catch (HttpRequestException) when (request.Body is { } body && body.Length > maxBodyBytes)
        {
            // The server answered and closed the connection before the client finished sending (the wait for
            // 100-continue ran out): the answer is lost, so the outcome is unknown and the state is read afresh.
            _baseline = await StateDigest.SettledAsync(vigil.Http);
            return;
        }
        catch (HttpRequestException e)
        {
            await FailAndResettleAsync($"#{index} no answer ({e.InnerException?.Message ?? e.Message}): {request}");
            return;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                Failures.Add($"#{index} answered {status} {Cut(text)}: {request}");
            }
            CheckLog(index, request);
            if (status is >= 200 and < 300)
            {
                Accepted++;
                Harvest(text);
                if (writes)
                {
                    _baseline = await StateDigest.SettledAsync(vigil.Http);
                }
            }
            else if (status is >= 400 and < 500)
            {
                Refused++;
                if (!writes)
                {
                    _pendingReads.Add((index, request));
                    if (_pendingReads.Count >= ReadBatch)
                    {
                        await CheckPendingReadsAsync();
                    }
                }
                else
                {
                    await CheckAsync(index, request);
                }
            }
        }
    }

    public async Task FinishAsync()
    {
        await CheckPendingReadsAsync();
        CheckLog(-1, null);
    }

    /// <summary>Errors the server logged since the last look, blamed on the request just answered.</summary>
    private void CheckLog(int index, FuzzRequest? request)
    {
        var entries = log.Entries.ToArray();
        foreach (var (level, text, exception) in entries.Skip(_logSeen))
        {
            if (level >= Microsoft.Extensions.Logging.LogLevel.Error)
            {
                Failures.Add($"{(request is null ? "after the run" : $"#{index} {request}")}\n  logged: {text} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
        _logSeen = entries.Length;
    }

    private async Task CheckPendingReadsAsync()
    {
        if (_pendingReads.Count == 0)
        {
            return;
        }
        var (first, last) = (_pendingReads[0].Index, _pendingReads[^1].Index);
        var requests = string.Join("\n    ", _pendingReads.Select(p => $"#{p.Index} {p.Request}"));
        _pendingReads.Clear();
        await CheckAsync(-1, null, $"one of the refused reads #{first}–#{last}:\n    {requests}");
    }

    private async Task CheckAsync(int index, FuzzRequest? request, string? what = null)
    {
        StateChecks++;
        var after = await StateDigest.TakeAsync(vigil.Http);
        if (after != _baseline)
        {
            Failures.Add($"{what ?? $"#{index} {request}"}\n  was refused but changed state ({StateDigest.Difference(_baseline, after)})");
            _baseline = await StateDigest.SettledAsync(vigil.Http);
        }
    }

    private async Task FailAndResettleAsync(string failure)
    {
        Failures.Add(failure);
        _baseline = await StateDigest.SettledAsync(vigil.Http);
    }

    /// <summary>Ids of things a request created become route values for later requests.</summary>
    private void Harvest(string text)
    {
        if (!text.StartsWith('{'))
        {
            return;
        }
        try
        {
            if (JsonNode.Parse(text) is JsonObject o && (o["id"] ?? o["silenceID"]) is JsonValue v)
            {
                if (v.TryGetValue<string>(out var id))
                {
                    generator.RouteValues["id"].Add(id);
                }
                else if (v.TryGetValue<long>(out var number))
                {
                    generator.RouteValues["id"].Add(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON after all: nothing to learn.
        }
    }

    private static string Cut(string s) => s.Length > 400 ? s[..400] + "…" : s;
}
