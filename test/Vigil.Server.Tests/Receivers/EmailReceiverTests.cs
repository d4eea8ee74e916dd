using System.Text;
using MimeKit;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>email_configs against a real Alertmanager 0.25 on the same configuration, each sending to its own real SMTP server.</summary>
public sealed class EmailReceiverTests
{
    private const string Alerts = """
        [{"labels":{"alertname":"DiskFull","team":"db","host":"db-1"},"annotations":{"summary":"Disk < 5% & falling"},"generatorURL":"http://prom:9090/graph"},
         {"labels":{"alertname":"DiskFull","team":"db","host":"db-2"},"annotations":{"summary":"Ünïcode disk"}}]
        """;

    [Fact]
    public async Task EmailWithTemplatedHeadersTextAndHtml_HasTheSameEnvelopeHeadersAndPartsAsAlertmanagers()
    {
        var templates = Directory.CreateTempSubdirectory("mail-tmpl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(templates, "mail.tmpl"), """
            {{ define "mail.html" }}<h1>{{ .CommonLabels.alertname }}</h1>{{ range .Alerts }}<p>{{ .Labels.host }}: {{ .Annotations.summary }}</p>{{ end }}{{ end }}
            """);
        string Config(int port) => $$$"""
            global:
              smtp_smarthost: 127.0.0.1:{{{port}}}
              smtp_from: 'Alerts <alerts@example.com>'
              smtp_require_tls: no
            templates: ['{{{templates}}}/*.tmpl']
            route:
              receiver: mail
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: mail
                email_configs:
                  - to: 'ops@example.com, {{ .CommonLabels.team }}@example.com'
                    send_resolved: yes
                    headers:
                      x-team: '{{ .CommonLabels.team | toUpper }}'
                      subject: 'Disk {{ .Status }}: {{ len .Alerts }} – ünïcode'
                    text: '{{ template "__text_alert_list" .Alerts }}'
                    html: '{{ template "mail.html" . }}'
            """;
        await using var amSmtp = await SmtpSink.StartAsync();
        await using var vigilSmtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(vigilSmtp.Port));
        using var am = await RealAlertmanager.StartAsync(Config(amSmtp.Port), vigil.Url.TrimEnd('/'));
        await PostBothAsync(am, vigil, Alerts);

        var expected = Parse((await amSmtp.WaitForAsync(1))[0]);
        var actual = Parse((await vigilSmtp.WaitForAsync(1))[0]);
        foreach (var header in new[] { "Subject", "To", "From", "X-Team" })
        {
            Assert.Equal(expected.Headers[header], actual.Headers[header]);
        }
        Assert.Equal("DB", actual.Headers["X-Team"]);
        Assert.Equal(Parts(expected), Parts(actual));
        Assert.Equal(["text/plain", "text/html"], Parts(actual).Select(p => p.Type));
    }

    [Fact]
    public async Task EmailWithDefaults_HasAlertmanagersSubjectAndAnHtmlBodyListingEveryAlert()
    {
        string Config(int port) => $"""
            global:
              smtp_smarthost: 127.0.0.1:{port}
              smtp_from: alerts@example.com
              smtp_require_tls: false
            route:
              receiver: mail
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: mail
                email_configs:
                  - to: ops@example.com
            """;
        await using var amSmtp = await SmtpSink.StartAsync();
        await using var vigilSmtp = await SmtpSink.StartAsync();
        await using var vigil = await VigilInstance.StartAsync("sqlite", Config(vigilSmtp.Port));
        using var am = await RealAlertmanager.StartAsync(Config(amSmtp.Port), vigil.Url.TrimEnd('/'));
        await PostBothAsync(am, vigil, Alerts);

        var expected = Parse((await amSmtp.WaitForAsync(1))[0]);
        var actual = Parse((await vigilSmtp.WaitForAsync(1))[0]);
        Assert.Equal(expected.Subject, actual.Subject);
        Assert.Equal("[FIRING:2] DiskFull (db)", actual.Subject);
        var html = Assert.Single(Parts(actual));
        Assert.Equal("text/html", html.Type);
        Assert.Contains("2 alerts for alertname=DiskFull", html.Text);
        Assert.Contains("summary = Disk &lt; 5% &amp; falling", html.Text);
        Assert.Contains("host = db-2", html.Text);
        Assert.Contains($"{vigil.Url.TrimEnd('/')}/#/alerts?receiver=mail", html.Text);
    }

    private static async Task PostBothAsync(RealAlertmanager am, VigilInstance vigil, string alerts)
    {
        Assert.True((await am.Http.PostAsync("api/v2/alerts", new StringContent(alerts, Encoding.UTF8, "application/json"))).IsSuccessStatusCode);
        Assert.True((await vigil.PostAlertsAsync(alerts)).IsSuccessStatusCode);
    }

    /// <summary>The message as aiosmtpd printed it: a banner, the SMTP options of 8-bit senders and a blank line come first.</summary>
    private static MimeMessage Parse(string printed)
    {
        var lines = printed.Split('\n').Select(l => l.TrimEnd('\r')).Skip(1)
            .SkipWhile(l => l.Length == 0 || l.StartsWith("mail options:", StringComparison.Ordinal));
        var text = string.Join("\r\n", lines);
        return MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(text)));
    }

    private static List<(string Type, string Text)> Parts(MimeMessage message) =>
        [.. message.BodyParts.OfType<TextPart>().Select(p => (p.ContentType.MimeType, p.Text))];
}
