namespace Vigil.Server.Hosting;

/// <summary>
/// How the background warm-ups after start-up run their rounds (<see cref="AlertmanagerApi.AlertListWarmUp"/>,
/// <see cref="Plans.Runs.PlanRunWarmUp"/>, <see cref="Actions.AgentActionWarmUp"/>): the runtime counts a method's calls
/// only once start-up has stopped compiling new code for a while, and recompiles it after 30 counted calls, so the rounds
/// are spread over the seconds after start-up rather than run at once (the alert list, Release build: done at once, the
/// first 100k list took 0.69 s against 0.76 s without any warm-up; spread, 0.50–0.52 s).
/// </summary>
internal static class WarmUpRounds
{
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs <paramref name="round"/> <paramref name="rounds"/> times, <see cref="Spacing"/> apart (wall-clock time, not the server's clock: this is about the runtime).</summary>
    public static async Task RunAsync(int rounds, Action round, CancellationToken ct)
    {
        for (var n = 0; n < rounds; n++)
        {
            await Task.Delay(Spacing, TimeProvider.System, ct).ConfigureAwait(false);
            round();
        }
    }
}
