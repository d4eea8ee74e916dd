using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>What the API acknowledged survives <c>kill -9</c> of the real executable (of every node of a cluster).</summary>
public sealed class CrashTests
{
    [Theory]
    [MemberData(nameof(Engines.EndToEnd), MemberType = typeof(Engines))]
    public async Task Kill9_AfterABurst_KeepsEveryAcknowledgedAlert_AndSendsNoGroupTwice(string engine)
    {
        await using var hook = await WebhookCollector.StartAsync();
        var dir = Directory.CreateTempSubdirectory("vigil-crash-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, Configs.Webhook(hook.Url).Replace("[alertname]", "[alertname, batch]", StringComparison.Ordinal));
        // A cluster gets the burst through a load balancer (requests alternate between the nodes) and is killed whole.
        await using var vigil = await VigilProcesses.StartAsync(engine, dir, config);

        // One group is notified before the crash.
        using (var http = vigil.CreateClient())
        {
            await Post(http, """[{"labels":{"alertname":"BeforeCrash","batch":"x"}}]""");
            await hook.WaitForAsync(1);
            await Task.Delay(500); // let the delivery be recorded

            // A burst of acknowledged requests, 40 requests × 25 alerts, 4 at a time.
            var acknowledged = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, ct) =>
            {
                var alerts = Enumerable.Range(0, 25).Select(i => "{\"labels\":{\"alertname\":\"Burst\",\"batch\":\"b" + batch + "\",\"i\":\"" + i + "\"}}");
                if (await Post(http, "[" + string.Join(",", alerts) + "]"))
                {
                    Interlocked.Add(ref acknowledged, 25);
                }
            });
            Assert.Equal(1000, acknowledged);
        }

        vigil.Kill9();
        var deliveredBeforeCrash = hook.Messages.Count(m => m.Body["groupKey"]!.ToString().Contains("BeforeCrash", StringComparison.Ordinal));
        await vigil.RestartAsync();

        using var after = vigil.CreateClient();
        var alerts = JsonNode.Parse(await after.GetStringAsync("api/v2/alerts"))!.AsArray();
        Assert.Equal(1001, alerts.Count);
        await Task.Delay(2000);
        Assert.Equal(deliveredBeforeCrash, hook.Messages.Count(m => m.Body["groupKey"]!.ToString().Contains("BeforeCrash", StringComparison.Ordinal)));
    }

    private static async Task<bool> Post(HttpClient http, string json) =>
        (await http.PostAsync("api/v2/alerts", new StringContent(json, Encoding.UTF8, "application/json"))).IsSuccessStatusCode;
}
