using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Vigil.Bench.Incidents;

/// <summary>
/// <c>incidents</c>: issue 10's auto-open target against the real built server. Per trial, one <c>impact="customer"</c>
/// alert starting now is posted; the rule (<c>for: --for-s</c>) opens an incident and pages its commander, whose webhook
/// contact method is the in-process sink. Measured from the rule's due time (the alert's <c>startsAt</c> + <c>for</c>) to
/// the incident's <c>openedAt</c> (the server's record) and to the page's arrival at the sink. Between trials the
/// incident is resolved and the alert ended, so each trial opens a new one.
/// </summary>
internal static class AutoOpenBench
{
    public const string DefaultVigil = "src/Vigil/bin/Release/net10.0/vigil";

    public static async Task<int> RunAsync(CommandArgs a)
    {
        var vigil = Path.GetFullPath(a.String("vigil") ?? DefaultVigil);
        var trials = a.Int("trials", 20);
        var forTime = TimeSpan.FromSeconds(a.Int("for-s", 2));
        a.RejectUnknown();
        if (!File.Exists(vigil))
        {
            throw new ArgumentException($"{vigil} does not exist: build it (dotnet build -c Release src/Vigil) or pass --vigil");
        }
        if (trials < 1)
        {
            throw new ArgumentException("--trials must be at least 1");
        }
        var console = Console.Out;
        console.WriteLine($"incidents bench: {vigil}; load {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");

        await using var sink = await WebhookSink.StartAsync(0).ConfigureAwait(false);
        var work = Directory.CreateTempSubdirectory("vigil-incbench-");
        var config = Path.Combine(work.FullName, "incidents.yml");
        await File.WriteAllTextAsync(config, Yaml(sink.BaseUrl, forTime)).ConfigureAwait(false);
        var system = new SystemUnderTest(SystemUnderTest.VigilName, vigil + " server --config {config} --listen 127.0.0.1:{port} --data {data}", "{data}/admin.token");
        using var server = await RunningServer.StartAsync(system, config, Path.Combine(work.FullName, "data"), Path.Combine(work.FullName, "server.log")).ConfigureAwait(false);
        using var client = server.Client(2);
        var pages = sink.PagesFor("commander");
        var opened = new List<double>();
        var paged = new List<double>();
        for (var t = 1; t <= trials; t++)
        {
            var start = TimeProvider.System.GetUtcNow();
            var due = start + forTime;
            await PostAsync(client, t, start, start.AddHours(1)).ConfigureAwait(false);
            var deadline = due.AddSeconds(30);
            while (pages.Count < t && TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System).ConfigureAwait(false);
            }
            if (pages.Count < t)
            {
                throw new TimeoutException($"trial {t}: no page reached the commander's webhook within 30 s of the rule's due time");
            }
            var arrived = pages.Values.Max();
            var incident = JsonNode.Parse(await client.GetStringAsync("api/v1/incidents?open=true").ConfigureAwait(false))!.AsArray().Single()!;
            var openedAt = DateTimeOffset.Parse(incident["openedAt"]!.ToString(), CultureInfo.InvariantCulture);
            opened.Add((openedAt - due).TotalMilliseconds);
            paged.Add((arrived - due).TotalMilliseconds);
            console.WriteLine($"trial {t}: due {due:HH:mm:ss.fff}, opened +{(openedAt - due).TotalMilliseconds:F0} ms, paged +{(arrived - due).TotalMilliseconds:F0} ms");
            using var resolved = await client.PostAsync($"api/v1/incidents/{incident["id"]}/resolve", JsonContent.Create(new JsonObject())).ConfigureAwait(false);
            resolved.EnsureSuccessStatusCode();
            await PostAsync(client, t, start, TimeProvider.System.GetUtcNow()).ConfigureAwait(false);
        }
        var summary = $"auto-open ({trials} trial(s), for {forTime.TotalSeconds:F0}s): due → incident opened {Percentiles.Summarize(opened)}; " +
            $"due → commander's page delivered {Percentiles.Summarize(paged)} (target ≤ 1000 ms)";
        console.WriteLine();
        console.WriteLine(summary);
        return 0;
    }

    private static async Task PostAsync(HttpClient client, int trial, DateTimeOffset start, DateTimeOffset end)
    {
        var body = new JsonArray(new JsonObject
        {
            ["labels"] = new JsonObject { ["alertname"] = "BenchOutage", ["impact"] = "customer", ["trial"] = trial.ToString(CultureInfo.InvariantCulture) },
            ["startsAt"] = start,
            ["endsAt"] = end,
        });
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("api/v2/alerts", content).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static string Yaml(Uri sinkUrl, TimeSpan forTime) => $$"""
        # Written by Vigil.Bench incidents.
        route:
          receiver: none
        receivers:
          - name: none
        people:
          - name: commander
            contact_methods: [{type: webhook, url: "{{sinkUrl.ToString().TrimEnd('/')}}/page/commander"}]
        incidents:
          commander: commander
          auto_open:
            - name: customer
              matchers: ['impact="customer"']
              for: {{(int)forTime.TotalSeconds}}s
              severity: SEV1
        """;
}
