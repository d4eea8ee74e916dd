using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.AlertmanagerApi;

/// <summary>
/// GET /api/v2/alerts of many alerts (an answer many times the server's 64 KiB send size): every alert, in
/// Alertmanager's order, with the status silences and inhibition give it, and each filter selecting what
/// Alertmanager's would; and a slow reader of such an answer holds up neither ingestion nor readiness.
/// </summary>
public sealed class GetAlertsTests
{
    private const int Count = 6000;

    private const string Config = """
        global:
          resolve_timeout: 1h
        route:
          receiver: default
          routes:
            - receiver: databases
              matchers: ['team="db"']
        receivers:
          - name: default
          - name: databases
        inhibit_rules:
          - source_matchers: ['alertname="ClusterDown"']
            target_matchers: ['alertname="NodeDown"']
            equal: [cluster]
        """;

    [Fact]
    public async Task FullGet_OfManyAlerts_ListsEveryAlert_SortedByFingerprint_WithItsReceiverAndState()
    {
        await using var vigil = await StartWithAlertsAsync();

        var alerts = await vigil.GetAlertsAsync();

        Assert.Equal(Count + 1, alerts.Count);
        var fingerprints = alerts.Select(a => a!["fingerprint"]!.ToString()).ToList();
        Assert.Equal(fingerprints.Order(StringComparer.Ordinal), fingerprints);
        Assert.Equal(Count + 1, fingerprints.Distinct().Count());
        foreach (var alert in alerts.Select(a => a!.AsObject()))
        {
            var labels = alert["labels"]!.AsObject();
            var n = labels["n"] is { } v ? int.Parse(v.ToString(), CultureInfo.InvariantCulture) : -1;
            Assert.Equal(["annotations", "endsAt", "fingerprint", "receivers", "startsAt", "status", "updatedAt", "labels"], alert.Select(p => p.Key));
            Assert.Equal(n >= 0 && n % 3 == 0 ? "databases" : "default", alert["receivers"]![0]!["name"]!.ToString());
            Assert.Equal(Silenced(n) || Inhibited(n) ? "suppressed" : "active", alert["status"]!["state"]!.ToString());
            Assert.Equal(Silenced(n) ? 1 : 0, alert["status"]!["silencedBy"]!.AsArray().Count);
            Assert.Equal(Inhibited(n) ? 1 : 0, alert["status"]!["inhibitedBy"]!.AsArray().Count);
            if (n >= 0)
            {
                Assert.Equal($"alert {n} on node-{n % 50}", alert["annotations"]!["summary"]!.ToString());
            }
        }
    }

    [Fact]
    public async Task Filters_OverManyAlerts_SelectWhatAlertmanagersWould()
    {
        await using var vigil = await StartWithAlertsAsync();
        var numbers = Enumerable.Range(0, Count).ToList();

        Assert.Equal(numbers.Count(n => !Silenced(n) && !Inhibited(n)) + 1, (await vigil.GetAlertsAsync("?silenced=false&inhibited=false")).Count);
        Assert.Equal(numbers.Count(n => !Silenced(n)) + 1, (await vigil.GetAlertsAsync("?silenced=false")).Count);
        Assert.Equal(numbers.Count(n => !Inhibited(n)) + 1, (await vigil.GetAlertsAsync("?inhibited=false")).Count);
        Assert.Equal(numbers.Count(n => Silenced(n) || Inhibited(n)), (await vigil.GetAlertsAsync("?active=false")).Count);
        Assert.Equal(numbers.Count(n => n % 3 == 0), (await vigil.GetAlertsAsync("?receiver=databases")).Count);
        Assert.Equal(numbers.Count(n => n % 3 == 0 && !Silenced(n) && !Inhibited(n)),
            (await vigil.GetAlertsAsync("?receiver=data.*&silenced=false&inhibited=false")).Count);
        var node7 = await vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString("instance=\"node-7\"") + "&filter=" + Uri.EscapeDataString("alertname=~\"Node.*\""));
        Assert.Equal(numbers.Count(n => n % 50 == 7), node7.Count);
        Assert.All(node7, a => Assert.Equal("node-7", a!["labels"]!["instance"]!.ToString()));
        Assert.Empty(await vigil.GetAlertsAsync("?unprocessed=false&filter=" + Uri.EscapeDataString("alertname=\"Nothing\"")));
    }

    [Fact]
    public async Task PostAndReady_AreAnswered_WhileAManyAlertGetIsHalfRead()
    {
        await using var vigil = await StartWithAlertsAsync();
        using var reader = vigil.CreateClient(vigil.AdminToken);

        // Read the first bytes of the answer and stop: the server is left waiting on this client.
        using var response = await reader.GetAsync("api/v2/alerts", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var start = new byte[1024];
        await body.ReadExactlyAsync(start);
        Assert.StartsWith("[{\"annotations\":", Encoding.UTF8.GetString(start), StringComparison.Ordinal);

        var posted = await vigil.PostAlertsAsync("""[{"labels":{"alertname":"PostedDuringGet"}}]""");
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.GetAsync("-/ready")).StatusCode);
        Assert.Single(await vigil.GetAlertsAsync("?filter=" + Uri.EscapeDataString("alertname=\"PostedDuringGet\"")));

        // The half-read answer still completes whole: the alerts as they were when it was asked for.
        var rest = new MemoryStream();
        rest.Write(start);
        await body.CopyToAsync(rest);
        var first = JsonNode.Parse(rest.ToArray())!.AsArray();
        Assert.Equal(Count + 1, first.Count);
        Assert.DoesNotContain(first, a => a!["labels"]!["alertname"]!.ToString() == "PostedDuringGet");
    }

    /// <summary>Alert n (NodeDown on node-(n mod 50), cluster c(n mod 4), team db when n mod 3 = 0) is silenced
    /// when n mod 7 = 0. The ClusterDown alert (n = -1) is neither silenced nor inhibited.</summary>
    private static bool Silenced(int n) => n >= 0 && n % 7 == 0;

    /// <summary>Inhibited by the one ClusterDown alert (cluster c1), as Alertmanager shows it also when silenced.</summary>
    private static bool Inhibited(int n) => n >= 0 && n % 4 == 1;

    private static async Task<VigilInstance> StartWithAlertsAsync()
    {
        var vigil = await VigilInstance.StartAsync("sqlite", Config);
        var now = TimeProvider.System.GetUtcNow();
        var silence = await vigil.Http.PostAsync("api/v2/silences", new StringContent(
            $$"""{"matchers":[{"name":"seven","value":"yes","isRegex":false}],"startsAt":"{{now:O}}","endsAt":"{{now.AddHours(1):O}}","createdBy":"test","comment":"every seventh"}""",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, silence.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"alertname":"ClusterDown","cluster":"c1"}}]""")).StatusCode);
        for (var first = 0; first < Count; first += 500)
        {
            var batch = new JsonArray();
            for (var n = first; n < first + 500; n++)
            {
                var labels = new JsonObject
                {
                    ["alertname"] = "NodeDown",
                    ["instance"] = $"node-{n % 50}",
                    ["cluster"] = $"c{n % 4}",
                    ["n"] = n.ToString(CultureInfo.InvariantCulture),
                };
                if (n % 3 == 0)
                {
                    labels["team"] = "db";
                }
                if (n % 7 == 0)
                {
                    labels["seven"] = "yes";
                }
                batch.Add(new JsonObject
                {
                    ["labels"] = labels,
                    ["annotations"] = new JsonObject { ["summary"] = $"alert {n} on node-{n % 50}" },
                });
            }
            Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync(batch.ToJsonString(JsonSerializerOptions.Default))).StatusCode);
        }
        return vigil;
    }
}
