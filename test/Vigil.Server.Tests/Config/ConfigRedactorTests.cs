using Vigil.Server.Config;
using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Tests.Config;

/// <summary>What <c>config.original</c> shows: each secret as <c>&lt;secret&gt;</c>, every other byte as written.</summary>
public sealed class ConfigRedactorTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "Alertmanager SMTP password", "global:\n  smtp_auth_password: hunter22\n  resolve_timeout: 5m\n", "global:\n  smtp_auth_password: <secret>\n  resolve_timeout: 5m\n" },
        { "Alertmanager Slack URL", "global:\n  slack_api_url: 'https://hooks.slack.com/services/T/B/X'\n", "global:\n  slack_api_url: <secret>\n" },
        { "basic auth password", "receivers:\n- name: a\n  webhook_configs:\n  - url_file: /f\n    http_config:\n      basic_auth: {username: u, password: \"p w\"}\n",
            "receivers:\n- name: a\n  webhook_configs:\n  - url_file: /f\n    http_config:\n      basic_auth: {username: u, password: <secret>}\n" },
        { "bearer credentials", "global:\n  http_config:\n    authorization:\n      type: Bearer\n      credentials: tok3n\n",
            "global:\n  http_config:\n    authorization:\n      type: Bearer\n      credentials: <secret>\n" },
        { "oauth2 client secret", "global:\n  http_config:\n    oauth2: {client_id: c, client_secret: s3cret, token_url: 'http://t/'}\n",
            "global:\n  http_config:\n    oauth2: {client_id: c, client_secret: <secret>, token_url: 'http://t/'}\n" },
        { "PagerDuty receiver routing key", "receivers:\n  - name: a\n    pagerduty_configs:\n      - routing_key: abc123\n        severity: x\n",
            "receivers:\n  - name: a\n    pagerduty_configs:\n      - routing_key: <secret>\n        severity: x\n" },
        { "webhook URL", "receivers:\n  - name: a\n    webhook_configs:\n      - url: http://127.0.0.1:5001/hook?token=abc  # the relay\n        send_resolved: true\n",
            "receivers:\n  - name: a\n    webhook_configs:\n      - url: http://127.0.0.1:5001/<secret>  # the relay\n        send_resolved: true\n" },
        { "Vigil SMTP password", "smtp:\n  host: mail\n  password: \"p@ss word\"\n  from: v@x\n", "smtp:\n  host: mail\n  password: <secret>\n  from: v@x\n" },
        { "routing keys are mapping keys", "pagerduty:\n  routing_keys:\n    R0UT1NGKEY: {policy: ops}\n    'second key': {route_labels: {team: web}, key_group: g}\n",
            "pagerduty:\n  routing_keys:\n    <secret-1>: {policy: ops}\n    <secret-2>: {route_labels: {team: web}, key_group: g}\n" },
        { "routing keys in flow style", "pagerduty: {routing_keys: {K3Y1: {policy: ops}}}\n", "pagerduty: {routing_keys: {<secret-1>: {policy: ops}}}\n" },
        { "heartbeat ping id", "heartbeats:\n  - name: backup\n    uuid: 0b5e8f3c-2f1d-4d67-9a51-4a4fd3c1e1a2\n    period: 1d\n",
            "heartbeats:\n  - name: backup\n    uuid: <secret>\n    period: 1d\n" },
        { "a person's Slack URL", "people:\n  - name: al\n    email: al@x.io\n    contact_methods: [{type: slack, url: 'https://hooks.slack.com/services/A/B/C'}]\n",
            "people:\n  - name: al\n    email: al@x.io\n    contact_methods: [{type: slack, url: <secret>}]\n" },
        { "probe headers", "probes:\n  - name: p\n    http:\n      url: https://shop/health\n      headers: {Authorization: Bearer xyz, Accept: text/plain}\n",
            "probes:\n  - name: p\n    http:\n      url: https://shop/health\n      headers: {Authorization: <secret>, Accept: <secret>}\n" },
        { "probe URL with a password", "probes:\n  - name: p\n    http: {url: 'https://u:pw@shop/health'}\n", "probes:\n  - name: p\n    http: {url: <secret>}\n" },
        { "a block scalar", "smtp:\n  password: |\n    line one\n    line two\n  from: v@x\n", "smtp:\n  password: <secret>\n  from: v@x\n" },
        { "an anchored secret keeps its anchor", "smtp:\n  password: &pw hunter22\n  username: *pw\n", "smtp:\n  password: &pw <secret>\n  username: *pw\n" },
        { "a secret repeated in a comment", "# Grafana pages with R0UT1NGKEY\npagerduty:\n  routing_keys:\n    R0UT1NGKEY: {policy: ops}  # R0UT1NGKEY\n",
            "# Grafana pages with <secret>\npagerduty:\n  routing_keys:\n    <secret-1>: {policy: ops}  # <secret>\n" },
        { "an empty secret stays empty", "smtp:\n  password: \"\"\n", "smtp:\n  password: \"\"\n" },
        { "a label called password is not a secret", "route:\n  receiver: a\n  match:\n    password: x\n", "route:\n  receiver: a\n  match:\n    password: x\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Redact_MasksEachSecretKind_AndKeepsEveryOtherByte(string kind, string yaml, string expected)
    {
        Assert.NotEmpty(kind);
        Assert.Equal(expected, Redact(yaml));
    }

    [Fact]
    public void RedactedText_ParsesAsYaml_WithTheSameShape()
    {
        const string yaml = "pagerduty:\n  routing_keys:\n    A: {policy: ops}\n    B: {policy: ops}\nsmtp: {password: x1234}\n";
        var stream = new YamlStream();
        stream.Load(new StringReader(Redact(yaml)));
        var keys = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["pagerduty"])["routing_keys"];
        Assert.Equal(["<secret-1>", "<secret-2>"], keys.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
    }

    [Fact]
    public void LoadedConfig_KeepsTheOriginal_AndOffersTheRedactedText()
    {
        const string yaml = "route:\n  receiver: a\nreceivers:\n  - name: a\n    webhook_configs: [{url: 'http://h/secret-path'}]\n";
        var config = ConfigLoader.Load(yaml, "t.yaml");
        Assert.Equal(yaml, config.Original);
        Assert.Equal(yaml.Replace("'http://h/secret-path'", "http://h/<secret>", StringComparison.Ordinal), config.OriginalRedacted);
    }

    internal static string Redact(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ConfigRedactor.Redact(yaml, stream.Documents[0].RootNode);
    }
}
