namespace Vigil.Bench;

/// <summary>
/// Issue 15's million-alert rows for one system: ingest N alerts (batch 100, 4 senders) in slices of 100k, each timed
/// on its own so the first slice's rate can be set against the last's; RSS after a settling wait; a full
/// <c>GET /api/v2/alerts</c> (whole answer and first byte) and RSS after it; then <c>kill -9</c>, a start on the same
/// data folder timed to <c>/-/ready</c>, and a full GET that counts the alerts still there.
/// </summary>
internal sealed class MillionRunner(SystemUnderTest system, string config, string dir, TextWriter console)
{
    public const int Slice = 100_000;
    private const int Senders = 4;
    private static readonly TimeSpan SettleWait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SliceLimit = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan GetLimit = TimeSpan.FromMinutes(15);

    public async Task RunAsync(int alerts, MillionResult r, CancellationToken cancel)
    {
        void Say(string what) => console.WriteLine($"[{system.Name}] {what}");
        var data = Path.Combine(dir, "data-million");
        var runId = AlertGenerator.NewRunId("m");
        var plans = Enumerable.Range(0, (alerts + Slice - 1) / Slice)
            .Select(i => IngestPlan.Create($"{runId}-{i}", Math.Min(Slice, alerts - (i * Slice)), 100))
            .ToList();
        var server = await RunningServer.StartAsync(system, config, data, Path.Combine(dir, "server-million.log")).ConfigureAwait(false);
        try
        {
            using (var ingestClient = server.Client(Senders))
            {
                foreach (var plan in plans)
                {
                    r.Slices.Add(await new IngestRunner(ingestClient, Senders).RunAsync(plan, server.Pid, SliceLimit, cancel).ConfigureAwait(false));
                }
            }

            plans.Clear();
            Say($"ingest {r.Acknowledged:N0} of {alerts:N0}: {r.AlertsPerSecond:F0} alerts/s; first 100k {r.FirstSliceRate:F0}/s, last {r.LastSliceRate:F0}/s; errors {r.Errors}");
            await Task.Delay(SettleWait, TimeProvider.System, cancel).ConfigureAwait(false);
            r.Settled = ProcessStats.TryMemory(server.Pid);
            r.Get = await GetAllAsync(server, cancel).ConfigureAwait(false);
            r.AfterGet = ProcessStats.TryMemory(server.Pid);
            Say($"settled {r.Settled}; GET {r.Get}; after it {r.AfterGet}");

            server.Kill9();
            server = await RunningServer.StartAsync(system, config, data, Path.Combine(dir, "server-million-restart.log")).ConfigureAwait(false);
            r.Restart = server.Startup;
            r.Present = (await GetAllAsync(server, cancel).ConfigureAwait(false)).Alerts;
            Say($"kill -9, restart to ready {r.Restart.Value.TotalSeconds:F2}s; {r.Present:N0} of {r.Acknowledged:N0} acknowledged alerts present");
        }
        finally
        {
            server.Dispose();
        }
    }

    private static async Task<QueryResult> GetAllAsync(RunningServer server, CancellationToken cancel)
    {
        using var client = BenchHttp.Create(server.Url, server.Token, 1, GetLimit);
        return await QueryRunner.GetAlertsAsync(client, cancel).ConfigureAwait(false);
    }
}
