using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Vigil.Agent.Commands;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Actions;

/// <summary>
/// What the agent does with one signed request: checks it (<see cref="ActionVerifier"/>), records its nonce durably,
/// tells the server it has it (a copy handed over again while it is in hand is ignored), tells the server it starts and runs the allow-listed command only once the server has accepted that, then reports
/// how it ended. Every refusal is reported too. Actions run one at a time.
/// </summary>
internal sealed class ActionHandler(
    IReadOnlyList<ActionSpec> allowed,
    IReadOnlyList<ECDsa> keys,
    string host,
    NonceStore? nonces,
    ActionChannel channel,
    TimeProvider clock,
    TextWriter log,
    Action ranAction)
{
    /// <summary>How much of a command's output is reported (its end).</summary>
    public const int OutputTail = 4000;

    private static readonly TimeSpan OutcomeRetryFor = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>The ids of the requests this process is handling (accepted, waiting or running).</summary>
    private readonly ConcurrentDictionary<string, byte> _inHand = new();

    /// <summary>
    /// Handles one request; returns what was reported last (state <c>not_run</c>, never sent, when the server did not
    /// accept the start).
    /// </summary>
    public async Task<ActionReport> HandleAsync(SignedActionRequest signed, CancellationToken ct)
    {
        var check = ActionVerifier.Check(signed, keys, host, allowed, clock.GetUtcNow());
        if (!check.Accepted)
        {
            return await RefuseAsync(check.RequestId, check.RefusalCode!, check.Message!, ct).ConfigureAwait(false);
        }
        var request = check.Request!;
        var spec = check.Spec!;
        if (!_inHand.TryAdd(request.Id, 0))
        {
            // The server handed it over again (it had not heard that this agent has it): the first copy is being handled.
            return new ActionReport("not_run", Message: "a second copy of a request already in hand");
        }
        try
        {
            return await AcceptAsync(request, spec, ct).ConfigureAwait(false);
        }
        finally
        {
            _inHand.TryRemove(request.Id, out _);
        }
    }

    private async Task<ActionReport> AcceptAsync(ActionRequest request, ActionSpec spec, CancellationToken ct)
    {
        bool fresh;
        try
        {
            fresh = nonces!.TryAccept(request.Nonce, request.ExpiresAt, clock.GetUtcNow());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await RefuseAsync(request.Id, ActionRefusals.NonceStore, $"cannot record the nonce durably, so it will not run: {e.Message}", ct).ConfigureAwait(false);
        }
        if (!fresh)
        {
            return await RefuseAsync(request.Id, ActionRefusals.Replayed, $"nonce {request.Nonce} was accepted before; a request runs at most once", ct).ConfigureAwait(false);
        }
        // One attempt: if it is lost, the server hands the request over again and the copy is ignored above.
        await channel.ReportAsync(request.Id, new ActionReport("received", Message: $"received by the agent on {host}"), ct).ConfigureAwait(false);
        await _one.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await RunAsync(request, spec, ct).ConfigureAwait(false);
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<ActionReport> RunAsync(ActionRequest request, ActionSpec spec, CancellationToken ct)
    {
        if (clock.GetUtcNow() > request.ExpiresAt)
        {
            return await RefuseAsync(request.Id, ActionRefusals.Expired, "the request expired while another action was running", ct).ConfigureAwait(false);
        }
        var command = string.Join(' ', spec.Argv);
        var (status, detail) = await ReportUntilAsync(request.Id, new ActionReport("running", Message: $"running: {command}"), request.ExpiresAt, ct).ConfigureAwait(false);
        if (status is not { } s || (int)s >= 300)
        {
            await log.WriteLineAsync($"vigil agent: not running action '{spec.Name}' ({request.Id}): the server did not accept its start: {(int?)status} {detail}").ConfigureAwait(false);
            return new ActionReport("not_run", Message: detail);
        }
        await log.WriteLineAsync($"vigil agent: running action '{spec.Name}' ({request.Id}): {command} — {OneLine(request.Reason)}").ConfigureAwait(false);
        var outcome = await CommandRunner.RunAsync(spec.Argv, spec.Timeout, ct).ConfigureAwait(false);
        var output = outcome.Output.Length <= OutputTail ? outcome.Output : outcome.Output[^OutputTail..];
        var report = outcome.ExitCode == 0
            ? new ActionReport("succeeded", Message: "exit code 0", ExitCode: 0, Output: output)
            : new ActionReport("failed", Message: outcome.Error ?? $"exit code {outcome.ExitCode}", ExitCode: outcome.ExitCode, Output: output);
        await log.WriteLineAsync($"vigil agent: action '{spec.Name}' ({request.Id}) {report.State}: {report.Message}").ConfigureAwait(false);
        await ReportUntilAsync(request.Id, report, clock.GetUtcNow() + OutcomeRetryFor, ct).ConfigureAwait(false);
        ranAction();
        return report;
    }

    private async Task<ActionReport> RefuseAsync(string? id, string code, string message, CancellationToken ct)
    {
        await log.WriteLineAsync($"vigil agent: refused action request {id ?? "(unnamed)"}: {code}: {message}").ConfigureAwait(false);
        var report = new ActionReport("refused", code, message);
        if (id is { Length: > 0 and <= 128 })
        {
            await ReportUntilAsync(id, report, clock.GetUtcNow() + TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
        }
        return report;
    }

    /// <summary>Posts the report until the server answers (any 2xx or 4xx) or <paramref name="deadline"/> passes.</summary>
    private async Task<(HttpStatusCode? Status, string Detail)> ReportUntilAsync(string id, ActionReport report, DateTimeOffset deadline, CancellationToken ct)
    {
        var pause = TimeSpan.FromMilliseconds(500);
        while (true)
        {
            var (status, detail) = await channel.ReportAsync(id, report, ct).ConfigureAwait(false);
            if ((status is { } s && (int)s < 500) || clock.GetUtcNow() + pause > deadline)
            {
                return (status, detail);
            }
            await Task.Delay(pause, clock, ct).ConfigureAwait(false);
            pause = pause * 2 > TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : pause * 2;
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
