using System.Net;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Actions;

/// <summary>
/// Long-polls the server for action requests and hands each to the <see cref="ActionHandler"/> as it arrives (a
/// request issued while a poll waits is answered at once). Backs off while the server is unreachable; stops when the
/// token is refused or the server has no action channel.
/// </summary>
internal sealed class ActionLoop(ActionChannel channel, ActionHandler handler, TimeProvider clock, TextWriter log)
{
    /// <summary>How long one poll waits on the server for a request.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(25);

    public async Task RunAsync(CancellationToken ct)
    {
        var handling = new List<Task>();
        var pause = TimeSpan.FromSeconds(1);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var (status, requests) = await channel.PollAsync(Wait, ct).ConfigureAwait(false);
                if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                {
                    await log.WriteLineAsync($"vigil agent: the server refused the action channel ({(int)status}); no actions will be taken").ConfigureAwait(false);
                    break;
                }
                if (status is not HttpStatusCode.OK)
                {
                    await Task.Delay(pause, clock, ct).ConfigureAwait(false);
                    pause = pause * 2 > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : pause * 2;
                    continue;
                }
                pause = TimeSpan.FromSeconds(1);
                handling.RemoveAll(t => t.IsCompleted);
                handling.AddRange(requests.Select(r => HandleAsync(r, ct)));
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        await Task.WhenAll(handling).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task HandleAsync(SignedActionRequest request, CancellationToken ct)
    {
        try
        {
            await handler.HandleAsync(request, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // One bad request must not stop the channel; the server fails an action it never hears back about.
            await log.WriteLineAsync($"vigil agent: handling an action request failed: {e}").ConfigureAwait(false);
        }
    }
}
