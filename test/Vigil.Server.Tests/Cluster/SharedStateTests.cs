using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Silences;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>What one node changes — silences, windows, overrides — is in effect on the other node of the cluster.</summary>
public sealed class SharedStateTests
{
    [Fact]
    public async Task ASilenceCreatedOnOneNode_MutesAnAlertOnTheOther_AndExpiringItThereUnmutesIt()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        Assert.True((await b.PostAlertsAsync("""[{"labels":{"alertname":"DiskFull","host":"db-1"}}]""")).IsSuccessStatusCode);
        Assert.Equal("active", SilenceApprovalTests.State(await b.GetAlertsAsync(), "DiskFull"));

        var now = TimeProvider.System.GetUtcNow();
        var created = await a.Http.PostAsync("api/v2/silences", Json(
            $$"""{"matchers":[{"name":"alertname","value":"DiskFull","isRegex":false}],"startsAt":"{{now:O}}","endsAt":"{{now.AddHours(1):O}}","createdBy":"alice","comment":"cleaning up"}"""));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["silenceID"]!.ToString();

        await Eventually.TrueAsync(async () => SilenceApprovalTests.State(await b.GetAlertsAsync(), "DiskFull") == "suppressed");
        var alert = (await b.GetAlertsAsync()).Single()!;
        Assert.Equal([id], alert["status"]!["silencedBy"]!.AsArray().Select(s => s!.ToString()));
        Assert.Equal("alice", JsonNode.Parse(await b.Http.GetStringAsync($"api/v2/silence/{id}"))!["createdBy"]!.ToString());

        Assert.Equal(HttpStatusCode.OK, (await b.Http.DeleteAsync($"api/v2/silence/{id}")).StatusCode);
        await Eventually.TrueAsync(async () =>
            JsonNode.Parse(await a.Http.GetStringAsync($"api/v2/silence/{id}"))!["status"]!["state"]!.ToString() == "expired");
    }

    [Fact]
    public async Task AMaintenanceWindowOpenedOnOneNode_MutesItsHostsAlertsOnTheOther()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.Plain);
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.Plain, a);
        Assert.True((await b.PostAlertsAsync("""[{"labels":{"alertname":"NodeRebooting","host":"lb-1"}}]""")).IsSuccessStatusCode);

        var window = await a.Http.PostAsync("api/v1/maintenance", Json(
            """{"targets":["host=\"lb-1\""],"expected":["alertname=\"NodeRebooting\""],"start":"now","duration":"1h","watcher":"alice","backup":"bob"}"""));
        Assert.Equal(HttpStatusCode.Created, window.StatusCode);
        var id = JsonNode.Parse(await window.Content.ReadAsStringAsync())!["id"]!.ToString();

        await Eventually.TrueAsync(async () => SilenceApprovalTests.State(await b.GetAlertsAsync(), "NodeRebooting") == "suppressed");
        Assert.Equal(HttpStatusCode.OK, (await b.Http.GetAsync($"api/v1/maintenance/{id}")).StatusCode);
    }

    [Fact]
    public async Task AnOverrideMadeOnOneNode_ChangesWhoIsOnCallOnTheOther()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        const string at = "2027-01-01T20:00:00Z";
        Assert.Equal("alice", await OnCallAsync(b, at));

        var created = await a.Http.PostAsync("api/v1/schedules/la/overrides",
            Json("""{"person":"dave","from":"2027-01-01T19:00:00Z","to":"2027-01-01T21:00:00Z","note":"swap"}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        await Eventually.TrueAsync(async () => await OnCallAsync(b, at) == "dave");
    }

    private static async Task<string?> OnCallAsync(VigilInstance vigil, string at) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/oncall?schedule=la&at={at}"))![0]!["people"]!.AsArray().FirstOrDefault()?.ToString();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
