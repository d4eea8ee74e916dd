using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using Vigil.Server.Config;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>
/// The migration promise, measured on the project's corpus of Alertmanager configurations (see Corpus/README.md): every file
/// a real Alertmanager 0.25 accepts, Vigil accepts, and for the same alerts Vigil sends what Alertmanager sends.
/// </summary>
public sealed partial class MigrationCorpusTests
{
    /// <summary>What the stand-in API answers: enough for every integration that reads its answer (Slack's ok, WeChat's
    /// errcode and token, Telegram's result, an OAuth2 token).</summary>
    private const string Answer = """
        {"ok":true,"errcode":0,"errmsg":"ok","access_token":"corpus-token","token_type":"Bearer","expires_in":3600,"result":{"message_id":1,"date":0,"chat":{"id":1,"type":"group"}}}
        """;

    public static TheoryData<string> Files => [.. CorpusFolder.Files];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task CorpusFile_IsAcceptedByAlertmanager_AndByVigil(string file)
    {
        var path = Path.Combine(CorpusFolder.Materialize("http://127.0.0.1:9", "127.0.0.1:25"), file);
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(ExternalTool.Require("/usr/bin/amtool"), "check-config", path);
        Assert.True(exit == 0, $"Alertmanager refused {file}: {stdout}{stderr}");

        var config = ConfigLoader.LoadFile(path);
        Assert.NotEmpty(config.Receivers);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task CorpusFile_SendsWhatAlertmanagerSends(string file)
    {
        await using var amSink = await RequestSink.StartAsync();
        await using var vigilSink = await RequestSink.StartAsync();
        amSink.ResponseBody = vigilSink.ResponseBody = Answer;
        var usesMail = File.ReadAllText(Path.Combine(CorpusFolder.Source, file)).Contains("@SMTP@", StringComparison.Ordinal);
        await using var amSmtp = usesMail ? await SmtpSink.StartAsync() : null;
        await using var vigilSmtp = usesMail ? await SmtpSink.StartAsync() : null;
        var amDir = CorpusFolder.Materialize(amSink.BaseUrl, $"127.0.0.1:{amSmtp?.Port ?? 25}");
        var vigilDir = CorpusFolder.Materialize(vigilSink.BaseUrl, $"127.0.0.1:{vigilSmtp?.Port ?? 25}");
        await using var vigil = await VigilInstance.StartAsync("sqlite", await File.ReadAllTextAsync(Path.Combine(vigilDir, file)));
        using var am = await RealAlertmanager.StartAsync(await File.ReadAllTextAsync(Path.Combine(amDir, file)), vigil.Url.TrimEnd('/'));

        // A recent start: Alertmanager flushes a group at once for alerts older than group_wait, before all of them arrived.
        var alerts = Alerts(TimeProvider.System.GetUtcNow());
        Assert.True((await am.Http.PostAsync("api/v2/alerts", new StringContent(alerts, Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        Assert.True((await vigil.PostAlertsAsync(alerts)).IsSuccessStatusCode);

        var expected = await SettledAsync(() => Sent(amSink, amSmtp));
        Assert.True(expected.Count > 0, $"Alertmanager sent nothing observable for {file}");
        var actual = await Eventually.GetAsync(() => Task.FromResult(Sent(vigilSink, vigilSmtp)), s => s.IsSupersetOf(expected), TimeSpan.FromSeconds(30));
        await Task.Delay(1000);
        actual = Sent(vigilSink, vigilSmtp);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
    }

    /// <summary>Three alerts in two groups, with the labels and annotations real templates use; one start time for both servers.</summary>
    private static string Alerts(DateTimeOffset startsAt)
    {
        var at = startsAt.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        return $$"""
            [{"labels":{"alertname":"HighLatency","severity":"critical","service":"checkout","namespace":"shop","instance":"api-1:9090","job":"api","team":"payments","cluster":"eu-1"},
              "annotations":{"summary":"p99 latency above 2s","description":"checkout p99  is\n2.4s on api-1","runbook_url":"https://runbooks.example.com/latency","dashboard":"https://grafana.example.com/d/latency"},
              "startsAt":"{{at}}","generatorURL":"http://prometheus.example.com:9090/graph?g0.expr=latency"},
             {"labels":{"alertname":"HighLatency","severity":"critical","service":"checkout","namespace":"shop","instance":"api-2:9090","job":"api","team":"payments","cluster":"eu-1"},
              "annotations":{"summary":"p99 latency above 2s","description":"checkout p99 is 3.1s on api-2 <&>","runbook_url":"https://runbooks.example.com/latency","dashboard":"https://grafana.example.com/d/latency"},
              "startsAt":"{{at}}","generatorURL":"http://prometheus.example.com:9090/graph?g0.expr=latency"},
             {"labels":{"alertname":"DiskFull","severity":"warning","instance":"db-1:9100","job":"node","team":"dba","namespace":"db","cluster":"eu-1"},
              "annotations":{"summary":"disk 95% full","description":"/var/lib/postgresql"},"startsAt":"{{at}}"}]
            """;
    }

    /// <summary>Waits until something was sent and nothing new arrived for two seconds (retries of a failing API repeat requests already seen).</summary>
    private static async Task<HashSet<string>> SettledAsync(Func<HashSet<string>> sent)
    {
        var clock = TimeProvider.System;
        var deadline = clock.GetUtcNow().AddSeconds(30);
        var last = sent();
        var stableSince = clock.GetUtcNow();
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(100);
            var now = sent();
            if (now.Count != last.Count)
            {
                (last, stableSince) = (now, clock.GetUtcNow());
            }
            else if (now.Count > 0 && clock.GetUtcNow() - stableSince > TimeSpan.FromSeconds(2))
            {
                return now;
            }
        }
        return last;
    }

    /// <summary>Every distinct request and mail, without what differs by design: times, ids, the User-Agent, SigV4 signatures.</summary>
    private static HashSet<string> Sent(RequestSink http, SmtpSink? smtp)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in http.Requests)
        {
            var auth = r.Header("Authorization") is { } a && !a.StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal) ? a : "";
            result.Add($"{r.Method} {r.PathAndQuery}\n{r.Header("Content-Type")}\n{auth}\n{Times().Replace(r.Text, "\"$1\":\"T\"")}");
        }
        foreach (var printed in smtp?.Messages ?? [])
        {
            result.Add(Mail(printed));
        }
        return result;
    }

    private static string Mail(string printed)
    {
        var lines = printed.Split('\n').Select(l => l.TrimEnd('\r')).Skip(1).SkipWhile(l => l.Length == 0 || l.StartsWith("mail options:", StringComparison.Ordinal));
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines))));
        var headers = message.Headers
            .Where(h => h.Field is not ("Date" or "Message-Id" or "MIME-Version" or "Content-Type" or "X-Peer" or "Content-Transfer-Encoding"))
            .Select(h => $"{h.Field}: {h.Value}").Order(StringComparer.Ordinal);
        var parts = message.BodyParts.OfType<TextPart>().Select(p => $"--{p.ContentType.MimeType}\n{p.Text}");
        return "MAIL\n" + string.Join("\n", headers) + "\n" + string.Join("\n", parts);
    }

    [GeneratedRegex("\"(startsAt|endsAt|timestamp)\":\"[^\"]*\"")]
    private static partial Regex Times();
}
