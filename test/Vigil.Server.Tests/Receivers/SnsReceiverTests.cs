using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Receivers;

/// <summary>
/// <c>sns_configs</c> against a real Alertmanager 0.25 (its AWS SDK) on the same config: the same Publish body, byte for
/// byte, and a SigV4 signature that checks out for both (the check is validated by Alertmanager's own requests).
/// </summary>
public sealed partial class SnsReceiverTests
{
    private const string SecretKey = "SNS-SECRET-KEY-42/abc+def";

    private const string Published = """
        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>
        """;

    private const string TwoAlerts = """
        [{"labels":{"alertname":"Replication","db":"orders","site":"eu"},"annotations":{"summary":"Lag <30s> & climbing"},
          "startsAt":"2026-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=lag"},
         {"labels":{"alertname":"Replication","db":"users","site":"eu"},"annotations":{"summary":"Lag <30s> & climbing"},"startsAt":"2026-01-01T00:06:00Z"}]
        """;

    private const string TwoResolved = """
        [{"labels":{"alertname":"Replication","db":"orders","site":"eu"},"annotations":{"summary":"Lag <30s> & climbing"},
          "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-01-01T00:09:00Z","generatorURL":"http://prom/graph?g0.expr=lag"},
         {"labels":{"alertname":"Replication","db":"users","site":"eu"},"annotations":{"summary":"Lag <30s> & climbing"},
          "startsAt":"2026-01-01T00:06:00Z","endsAt":"2026-01-01T00:09:00Z"}]
        """;

    [Fact]
    public async Task DefaultTemplatesToATopic_FiringThenResolved_SameBodyAsAlertmanager_ValidSignature()
    {
        await using var both = await SideBySide.StartAsync(sink => $"""
            route:
              receiver: sns
              group_by: [alertname]
              group_wait: 2s
              group_interval: 1s
            receivers:
              - name: sns
                sns_configs:
                  - api_url: {sink}
                    topic_arn: arn:aws:sns:eu-west-1:123456789012:alerts
                    sigv4:
                      region: eu-west-1
                      access_key: AKIDEXAMPLE
                      secret_key: {SecretKey}
            """);
        Answer(both);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(1);
        AssertSame(am[0], vigil[0], "eu-west-1");

        await both.PostAsync(RecentTimes.Set(TwoResolved, started));
        (am, vigil) = await both.WaitForAsync(2);
        AssertSame(am[1], vigil[1], "eu-west-1");
        await ReceiverSecrets.AssertHiddenAsync(both.Vigil, SecretKey);
    }

    [Fact]
    public async Task FifoTopicAttributesAndCustomTexts_SameBodyAsAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: sns
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: sns
                sns_configs:
                  - api_url: '{{{sink}}}'
                    topic_arn: 'arn:aws:sns:us-east-2:123456789012:{{ .CommonLabels.site }}-alerts.fifo'
                    subject: '{{ .Status | toUpper }}: {{ .CommonLabels.alertname }} ✓'
                    message: '{{ range .Alerts }}{{ .Labels.db }}={{ .Annotations.summary }}; {{ end }}'
                    attributes:
                      severity: page
                      '{{ .CommonLabels.site }}_site': '{{ len .Alerts }} dbs & more'
                    sigv4:
                      region: us-east-2
                      access_key: AKIDEXAMPLE
                      secret_key: {{{SecretKey}}}
            """);
        Answer(both);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set(TwoAlerts, started));
        var (am, vigil) = await both.WaitForAsync(1);
        AssertSame(am[0], vigil[0], "us-east-2");
        Assert.Contains("MessageDeduplicationId=", vigil[0].Text, StringComparison.Ordinal);
        Assert.Contains("MessageAttributes.entry.2.Name=severity", vigil[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SmsLongerThan1600Bytes_IsCutInBytesWithATruncatedAttribute_LikeAlertmanager()
    {
        await using var both = await SideBySide.StartAsync(sink => $$$"""
            route:
              receiver: sns
              group_by: [alertname]
              group_wait: 2s
            receivers:
              - name: sns
                sns_configs:
                  - api_url: {{{sink}}}/sms
                    phone_number: '+15555550100'
                    message: 'a{{ range .Alerts }}{{ .Annotations.long }}{{ end }}'
                    sigv4:
                      region: ap-south-1
                      access_key: AKIDEXAMPLE
                      secret_key: {{{SecretKey}}}
            """);
        Answer(both);
        var started = TimeProvider.System.GetUtcNow();
        await both.PostAsync(RecentTimes.Set($$"""[{"labels":{"alertname":"Sms"},"annotations":{"long":"{{new string('é', 900)}}"},"startsAt":"2026-01-01T00:00:00Z"}]""", started));
        var (am, vigil) = await both.WaitForAsync(1);
        AssertSame(am[0], vigil[0], "ap-south-1");
        Assert.Contains("Name=truncated", vigil[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoleArn_AssumesTheRoleThroughSts_ThenSignsThePublishWithTheRolesCredentials()
    {
        // Alertmanager's AWS SDK calls STS outside http_config, so this one is Vigil's alone, through the intercepting proxy.
        await using var proxy = InterceptingProxy.Start();
        proxy.ResponseBody = """
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
            <AccessKeyId>ASIAROLEKEY</AccessKeyId><SecretAccessKey>ROLE-SECRET</SecretAccessKey><SessionToken>ROLE-SESSION-TOKEN</SessionToken>
            <Expiration>2099-01-01T00:00:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>
            """;
        await using var vigil = await VigilInstance.StartAsync("sqlite", $"""
            route:
              receiver: sns
              group_by: [alertname]
              group_wait: 0s
            receivers:
              - name: sns
                sns_configs:
                  - topic_arn: arn:aws:sns:eu-west-1:123456789012:alerts
                    sigv4:
                      region: eu-west-1
                      access_key: AKIDEXAMPLE
                      secret_key: {SecretKey}
                      role_arn: arn:aws:iam::123456789012:role/alerts
                    http_config:
                      proxy_url: {proxy.Url}
                      tls_config:
                        ca_file: {proxy.CaFile}
            """);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}},{"labels":{"alertname":"B"}}]""");
        var got = await proxy.WaitForAsync(3);

        var sts = Assert.Single(got, r => r.Header("Host") == "sts.amazonaws.com");
        Assert.Matches("^Action=AssumeRole&DurationSeconds=900&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Falerts&RoleSessionName=[0-9]+&Version=2011-06-15$", sts.Text);
        Assert.True(SignatureHolds(sts, "us-east-1", "sts", "AKIDEXAMPLE", SecretKey), "the AssumeRole call is not signed with the configured keys");
        var publishes = got.Where(r => r.Header("Host") == "sns.eu-west-1.amazonaws.com").ToList();
        Assert.Equal(2, publishes.Count);
        foreach (var publish in publishes)
        {
            Assert.Equal("ROLE-SESSION-TOKEN", publish.Header("X-Amz-Security-Token"));
            Assert.True(SignatureHolds(publish, "eu-west-1", "sns", "ASIAROLEKEY", "ROLE-SECRET"), "the Publish is not signed with the role's credentials");
        }
    }

    private static void Answer(SideBySide both)
    {
        both.AlertmanagerSink.ResponseBody = Published;
        both.VigilSink.ResponseBody = Published;
    }

    private static void AssertSame(SinkRequest am, SinkRequest vigil, string region)
    {
        Assert.Equal(am.Method, vigil.Method);
        Assert.Equal(am.PathAndQuery, vigil.PathAndQuery);
        Assert.Equal(am.Header("Content-Type"), vigil.Header("Content-Type"));
        Assert.True(am.Text == vigil.Text, $"bodies differ\nAlertmanager: {am.Text}\nVigil:        {vigil.Text}");
        Assert.True(SignatureHolds(am, region, "sns", "AKIDEXAMPLE", SecretKey), "the verifier rejects Alertmanager's own signature: " + am.Header("Authorization"));
        Assert.True(SignatureHolds(vigil, region, "sns", "AKIDEXAMPLE", SecretKey), "Vigil's signature does not check out: " + vigil.Header("Authorization"));
    }

    /// <summary>Recomputes the SigV4 signature of a received request from the headers it says it signed.</summary>
    private static bool SignatureHolds(SinkRequest request, string region, string service, string accessKey, string secretKey)
    {
        var match = AuthorizationPattern().Match(request.Header("Authorization") ?? "");
        Assert.True(match.Success, "no SigV4 Authorization header: " + request.Header("Authorization"));
        var (date, signedRegion, signed, signature) = (match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["signed"].Value, match.Groups["sig"].Value);
        Assert.Equal(region, signedRegion);
        Assert.Equal(accessKey, match.Groups["key"].Value);
        Assert.Equal(service, match.Groups["service"].Value);
        var amzDate = request.Header("X-Amz-Date")!;
        Assert.StartsWith(date, amzDate, StringComparison.Ordinal);
        var pathAndQuery = request.PathAndQuery.Split('?', 2);
        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(string.Join('/', pathAndQuery[0].Split('/').Select(Uri.EscapeDataString))).Append('\n')
            .Append(pathAndQuery.Length > 1 ? pathAndQuery[1] : "").Append('\n');
        foreach (var name in signed.Split(';'))
        {
            var value = name == "host" ? request.Header("Host") : request.Header(name);
            canonical.Append(name).Append(':').Append(Regex.Replace(value!.Trim(), " +", " ")).Append('\n');
        }
        canonical.Append('\n').Append(signed).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        var scope = $"{date}/{region}/{service}/aws4_request";
        var toSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(toSign))) == signature;
    }

    [GeneratedRegex("^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<date>\\d{8})/(?<region>[^/]+)/(?<service>[a-z]+)/aws4_request, SignedHeaders=(?<signed>[^,]+), Signature=(?<sig>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
