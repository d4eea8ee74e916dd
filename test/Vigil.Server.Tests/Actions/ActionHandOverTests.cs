using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Contracts.Agents;
using Vigil.Server.Actions;
using Vigil.Server.Security;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Hosts;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Actions;

/// <summary>
/// A request made while its host's agent waits in a long-poll is handed to that poll by the write that stores it: the
/// request is stored as delivered, with the same history and audit records a delivery of the poll's own writes.
/// </summary>
public sealed class ActionHandOverTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task ARequestMadeWhileItsAgentWaits_IsStoredAsDeliveredToThatPoll_WithTheSameHistoryAndAuditAsADeliveryOfItsOwn(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var token = await ActionClient.ReportOnceAsync(vigil, "web-1");
        var actions = vigil.Services.GetRequiredService<AgentActionService>();
        var poll = ActionClient.PollAsAgentAsync(vigil, token, wait: "20s");
        await Eventually.TrueAsync(() => Task.FromResult(actions.Parked("web-1")));

        var created = await ActionClient.RequestAsync(vigil, "web-1", "restart-unicorn", "staged recovery");
        var handed = Assert.Single(await poll.WaitAsync(TimeSpan.FromSeconds(10)));

        var id = created["id"]!.ToString();
        Assert.Equal("delivered", created["state"]!.ToString());
        Assert.Equal(id, ActionSigning.ReadUnverified(handed)!.Id);
        var detail = JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/hosts/web-1/actions/{id}"))!;
        Assert.Equal("delivered", ActionClient.State(detail));
        // Delivered as it was stored (the answer to the request holds the time before it was stored to the millisecond).
        var deliveredAt = detail["action"]!["deliveredAt"]!.GetValue<DateTimeOffset>();
        Assert.InRange(created["deliveredAt"]!.GetValue<DateTimeOffset>() - deliveredAt, TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
        Assert.InRange(deliveredAt - created["requestedAt"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(-1), TimeSpan.FromSeconds(5));
        Assert.Equal(["requested", "delivered"], ActionClient.EventKinds(detail));
        Assert.Equal(["admin", "agent:web-1"], detail["events"]!.AsArray().Select(e => e!["actor"]!.ToString()));
        var audit = await ActionClient.AuditAsync(vigil, id);
        Assert.Equal([("requested", "admin", "pending"), ("delivered", "agent:web-1", "delivered")],
            audit.Select(a => (a.Action, a.Actor, a.After!["state"]!.ToString())));
        Assert.False(actions.Parked("web-1"));

        // With no poll waiting, a request waits as pending for the agent's next poll, which the poll's own write hands over.
        var later = await ActionClient.RequestAsync(vigil, "web-1", "restart-unicorn", "staged recovery, batch 2");
        Assert.Equal("pending", later["state"]!.ToString());
        Assert.Equal(later["id"]!.ToString(), ActionSigning.ReadUnverified(Assert.Single(await ActionClient.PollAsAgentAsync(vigil, token, wait: "0s")))!.Id);
        var laterAudit = await ActionClient.AuditAsync(vigil, later["id"]!.ToString());
        Assert.Equal([("requested", "admin"), ("delivered", "agent:web-1")], laterAudit.Select(a => (a.Action, a.Actor)));
    }

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AWaitingPollTakenByAWriteThatFails_IsHandedNothing_AndWaitsOnForTheNextRequest(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal);
        var token = await ActionClient.ReportOnceAsync(vigil, "web-1");
        var actions = vigil.Services.GetRequiredService<AgentActionService>();
        var db = vigil.Services.GetRequiredService<Database>();
        var poll = ActionClient.PollAsAgentAsync(vigil, token, wait: "20s");
        await Eventually.TrueAsync(() => Task.FromResult(actions.Parked("web-1")));

        // A write (as a plan step's start stores its requests) that takes the poll, then fails and is rolled back.
        var failed = actions.Prepare("web-1", "restart-unicorn", "a step whose start failed", new Caller("plan-run:x", Scope.Admin, ""), TimeProvider.System.GetUtcNow())!;
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.WriteGroupedAsync<bool>(async (conn, tx) =>
        {
            await actions.StoreAsync(conn, tx, [failed], new Caller("plan-run:x", Scope.Admin, ""), CancellationToken.None);
            throw new InvalidOperationException("the step's start failed");
        }, CancellationToken.None));
        actions.Unmade([failed]);

        Assert.False(poll.IsCompleted);
        await Eventually.TrueAsync(() => Task.FromResult(actions.Parked("web-1")));
        Assert.Equal(HttpStatusCode.NotFound, (await vigil.Http.GetAsync($"api/v1/hosts/web-1/actions/{failed.Id}")).StatusCode);
        var created = await ActionClient.RequestAsync(vigil, "web-1", "restart-unicorn", "staged recovery");
        var handed = Assert.Single(await poll.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(created["id"]!.ToString(), ActionSigning.ReadUnverified(handed)!.Id);
        Assert.Equal("delivered", created["state"]!.ToString());
    }
}
