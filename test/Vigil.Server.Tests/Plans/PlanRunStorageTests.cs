using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>How runs are kept: each host's progress in its own row, and runs stored whole by earlier versions still read and resume.</summary>
public sealed class PlanRunStorageTests
{
    private static readonly PlanStep LongWait = new() { Kind = PlanStepKind.Wait, What = "duration", Duration = TimeSpan.FromMinutes(10) };

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ARunStoredWholeByAnEarlierVersion_ShowsEveryHost_AndKeepsThemThroughItsNextChanges(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        var id = await rig.StartAsync(PlanRig.RollingReboot(window: false, steps: [LongWait]));
        await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]![0]!["results"]!.AsArray().Count > 0);
        Assert.Equal(HttpStatusCode.OK, (await rig.Vigil.Http.PostAsync($"api/v1/plans/runs/{id}/pause", null)).StatusCode);
        var before = await rig.RunAsync(id);

        // As the version before plan_run_hosts stored it: the whole run, hosts included, in plan_runs.body.
        var run = (await rig.Vigil.Services.GetRequiredService<PlanRunStore>().GetAsync(id, CancellationToken.None))!;
        await rig.Vigil.Services.GetRequiredService<Database>().WriteAsync(async (conn, tx) =>
        {
            await using var whole = conn.Command(tx, "UPDATE plan_runs SET body = @body, hosts_in_rows = 0 WHERE id = @id");
            whole.AddParameter("@body", PlanRunCodec.Write(run));
            whole.AddParameter("@id", id);
            await whole.ExecuteNonQueryAsync();
            await using var rows = conn.Command(tx, "DELETE FROM plan_run_hosts WHERE run_id = @id");
            rows.AddParameter("@id", id);
            await rows.ExecuteNonQueryAsync();
        });

        var legacy = await rig.RunAsync(id);
        Assert.Equal(before["hosts"]!.ToJsonString(), legacy["hosts"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await rig.Vigil.Http.PostAsync($"api/v1/plans/runs/{id}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rig.Vigil.Http.PostAsync($"api/v1/plans/runs/{id}/abort", null)).StatusCode);

        var after = await rig.WaitForStateAsync(id, "aborted");
        var hosts = after["hosts"]!.AsArray();
        Assert.Equal(["lb-1", "lb-2"], hosts.Select(h => h!["host"]!.ToString()));
        Assert.Equal(before["hosts"]![0]!["results"]![0]!["startedAt"]!.ToString(), hosts[0]!["results"]![0]!["startedAt"]!.ToString());
        Assert.Equal(2, await HostRowsAsync(rig, id));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ARunsHosts_SurviveARestart_WithEveryResultTheyHad(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 3, minHealthy: 1);
        var plan = PlanRig.RollingReboot(window: false, steps: [LongWait]);
        var id = await rig.StartAsync(plan with { Serial = new PlanSerial([new SerialSize(2, false)]) });
        var started = await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]!.AsArray().Count(h => h!["results"]!.AsArray().Count > 0) == 2);
        Assert.Equal(HttpStatusCode.OK, (await rig.Vigil.Http.PostAsync($"api/v1/plans/runs/{id}/pause", null)).StatusCode);
        var before = await rig.RunAsync(id);

        await rig.Vigil.RestartAsync();

        var after = await rig.RunAsync(id);
        Assert.Equal(before["hosts"]!.ToJsonString(), after["hosts"]!.ToJsonString());
        Assert.Equal("paused", after["state"]!.ToString());
        Assert.Equal(3, await HostRowsAsync(rig, id));
        Assert.Equal(2, started["hosts"]!.AsArray().Count(h => h!["results"]!.AsArray().Count > 0));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task EachHostsRow_IsJsonText_ThatTheDatabasesOwnJsonFunctionsRead(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        var id = await rig.StartAsync(PlanRig.RollingReboot(window: false, steps: [LongWait]));
        await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]![0]!["results"]!.AsArray().Count > 0);

        // What someone looking into the database sees: text, not bytes (SQLite rows are bound as UTF-8 and cast).
        var sql = engine == "sqlite"
            ? "SELECT typeof(body) || ' ' || json_extract(body, '$.host') || ' ' || json_extract(body, '$.results[0].status') FROM plan_run_hosts WHERE run_id = @id ORDER BY position"
            : "SELECT pg_typeof(body)::text || ' ' || (body::jsonb ->> 'host') || ' ' || (body::jsonb #>> '{results,0,status}') FROM plan_run_hosts WHERE run_id = @id ORDER BY position";
        var rows = await rig.Vigil.Services.GetRequiredService<Database>().WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, sql);
            cmd.AddParameter("@id", id);
            var list = new List<string?>();
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                list.Add(r.IsDBNull(0) ? null : r.GetString(0));
            }
            return list;
        });

        Assert.Equal(["text lb-1 running", null], rows);
    }

    private static async Task<long> HostRowsAsync(PlanRig rig, string id) =>
        await rig.Vigil.Services.GetRequiredService<Database>().WriteAsync(async (conn, tx) =>
        {
            await using var cmd = conn.Command(tx, "SELECT COUNT(*) FROM plan_run_hosts WHERE run_id = @id");
            cmd.AddParameter("@id", id);
            return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        });
}
