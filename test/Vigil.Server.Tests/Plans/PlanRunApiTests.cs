using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Plans;
using Vigil.Server.Plans.Runs;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Plans;

/// <summary>/api/v1/plans/runs: bad input named, commands only where they apply, events as a stream that a client can follow.</summary>
public sealed class PlanRunApiTests
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Starts a run of one 10-minute wait on each host; returns once its first step has started (on a loaded
    /// machine the runner may be slower than the test, which must not ask anything of the run before that).</summary>
    private static async Task<string> StartWaitingRunAsync(PlanRig rig)
    {
        var plan = PlanRig.RollingReboot(window: false, steps: [new PlanStep { Kind = PlanStepKind.Wait, What = "duration", Duration = TimeSpan.FromMinutes(10) }]);
        var id = await rig.StartAsync(plan);
        await Eventually.GetAsync(() => rig.RunAsync(id), r => r["hosts"]![0]!["results"]!.AsArray().Count > 0);
        return id;
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Start_WithoutNameOrYaml_OrAnUnknownName_IsRefusedNamingTheField(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var neither = await vigil.Http.PostAsync("api/v1/plans/runs", Body("{}"));
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Contains("name, yaml", await neither.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await vigil.Http.PostAsync("api/v1/plans/runs", Body("""{"name": "nope"}"""));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("name: no plan 'nope'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var both = await vigil.Http.PostAsync("api/v1/plans/runs", Body("""{"name": "a", "yaml": "b"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/plans/runs/run-missing")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync("api/v1/plans/runs/run-missing/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.PostAsync("api/v1/plans/runs/run-missing/abort", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await vigil.Http.GetAsync("api/v1/plans/runs?limit=0")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task Commands_ApplyOnlyWhereTheyMayAndAreAudited_AndTheEventStreamEndsWithTheRun(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        var id = await StartWaitingRunAsync(rig);
        var http = rig.Vigil.Http;

        var resume = await http.PostAsync($"api/v1/plans/runs/{id}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
        Assert.Contains("not paused", await resume.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"api/v1/plans/runs/{id}/retry", null)).StatusCode);
        var paused = await http.PostAsync($"api/v1/plans/runs/{id}/pause", null);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("paused", JsonNode.Parse(await paused.Content.ReadAsStringAsync())!["state"]!.ToString());

        using var stream = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/v1/plans/runs/{id}/events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        var reading = stream.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync($"api/v1/plans/runs/{id}/abort", null)).StatusCode);
        var text = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        foreach (var kind in new[] { "event: created", "event: step_started", "event: paused", "event: aborted" })
        {
            Assert.Contains(kind, text, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsync($"api/v1/plans/runs/{id}/abort", null)).StatusCode);
        var audit = JsonNode.Parse(await http.GetStringAsync("api/v1/audit?limit=100"))!.AsArray()
            .Where(a => a!["objectType"]?.ToString() == "plan_run").Select(a => a!["action"]!.ToString()).ToList();
        Assert.Equal(["abort", "pause", "start"], audit);
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ARunReadWhileThisNodeHoldsItsStoredVersion_IsThatCopy_AndTheRunAsStored_ButAnotherWritersVersionIsReadAgain(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        var id = await StartWaitingRunAsync(rig);
        Assert.Equal(HttpStatusCode.OK, (await rig.Vigil.Http.PostAsync($"api/v1/plans/runs/{id}/pause", null)).StatusCode);
        var service = rig.Vigil.Services.GetRequiredService<PlanRunService>();
        var ct = TestContext.Current.CancellationToken;

        var held = service.Peek(id);
        var read = await service.GetAsync(id, ct);
        var stored = await service.Store.GetAsync(id, ct);

        Assert.NotNull(held);
        Assert.Same(held, read);
        Assert.Equal(stored!.Version, read!.Version);
        Assert.Equal(PlanRunJson.Text(stored), PlanRunJson.Text(read));

        // Another node writes the run (a command it was given): this node's copy is no longer the stored version.
        var elsewhere = await service.Store.TryUpdateAsync(new RunChange(stored with { PauseReason = "paused on node b" }, []), stored, ct);
        Assert.NotNull(elsewhere);
        var after = await service.GetAsync(id, ct);
        Assert.Equal(stored.Version + 1, after!.Version);
        Assert.Equal("paused on node b", after.PauseReason);
        Assert.Equal("paused on node b", (await rig.RunAsync(id))["pauseReason"]!.ToString());
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task HaproxyUnreachable_FailsClosed_TheRunPausesAndNothingIsTouched(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        rig.Haproxy.Instances[0].RemoveSocket();

        var id = await rig.StartAsync(PlanRig.RollingReboot(window: false));
        var run = await rig.WaitForStateAsync(id, "paused");

        Assert.Contains("no data", run["pauseReason"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("inconclusive", run["hosts"]![0]!["results"]![0]!["status"]!.ToString());
        Assert.Single(run["hosts"]![0]!["results"]!.AsArray());
        Assert.Equal(0, await rig.RebootsAsync("lb-1"));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task PlanYaml_DryRunSaysWhatWouldBeRefused_ChangingNothing_AndTheRunRefusesAtThatGate(string engine)
    {
        await using var rig = await PlanRig.StartAsync(engine, servers: 2, minHealthy: 1);
        rig.Haproxy["s2"].Unmount();
        await rig.Haproxy.WaitForStatusAsync("s2", "DOWN");
        var yaml = "name: reboot-web\nhosts: {pool: web}\nsteps:\n  - gate: pool_min_healthy\n  - haproxy: drain\n  - wait: drained\n  - haproxy: maint\n"
            + "  - agent: reboot\n  - wait: host_back\n  - verify: post_boot\n  - haproxy: ready\n  - wait: haproxy_up\n";

        var dry = await rig.Vigil.Http.PostAsync("api/v1/plans/runs", Body(new JsonObject { ["yaml"] = yaml, ["dryRun"] = true }.ToJsonString()));
        var dryText = await dry.Content.ReadAsStringAsync();
        Assert.True(dry.StatusCode == HttpStatusCode.OK, dryText);
        var refused = JsonNode.Parse(dryText)!["wouldRefuse"]!.AsArray().Select(r => r!.ToString()).ToList();
        Assert.Contains(refused, r => r.Contains("lb-1", StringComparison.Ordinal) && r.Contains("pool_min_healthy", StringComparison.Ordinal));
        Assert.Empty(JsonNode.Parse(await rig.Vigil.Http.GetStringAsync("api/v1/plans/runs"))!.AsArray());

        var started = await rig.Vigil.Http.PostAsync("api/v1/plans/runs", Body(new JsonObject { ["yaml"] = yaml }.ToJsonString()));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var id = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.ToString();
        var run = await rig.WaitForStateAsync(id, "halted");
        Assert.Equal("gate: pool_min_healthy", run["halt"]!["stepName"]!.ToString());
        Assert.Equal("UP", await rig.Haproxy.Instances[0].StatusOfAsync("web", "s1"));

        var bad = await rig.Vigil.Http.PostAsync("api/v1/plans/runs", Body(new JsonObject { ["yaml"] = "name: x\nsteps: 3\n" }.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("yaml: ", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
