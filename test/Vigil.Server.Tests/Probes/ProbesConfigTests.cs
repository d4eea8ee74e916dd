using Vigil.Server.Config;

namespace Vigil.Server.Tests.Probes;

/// <summary>The <c>probes:</c> section: defaults, each kind, and errors naming line and key.</summary>
public sealed class ProbesConfigTests
{
    // Four lines; cases append from line 5 on.
    private const string Base = "route:\n  receiver: ops\nreceivers:\n  - name: ops\n";

    [Fact]
    public void Probes_AreRead_WithDocumentedDefaults()
    {
        var yaml = Base + """
            probes:
              - name: shop
                http:
                  url: https://shop.example.com/health
                  expected_status: [200, 204]
                  body_regex: "ok"
                  tls_verify: false
                  cert_expiry_warning_days: 14
                  headers: {Accept: text/plain}
                labels: {service: shop, impact: customer}
              - name: db
                tcp: {target: "10.0.0.5:5432"}
                interval: 5s
                fall: 2
                rise: 1
              - name: mx
                dns: {name: example.com, type: mx, expected: mail.example.com, server: "127.0.0.1:5353"}
            """;
        var probes = ConfigLoader.Load(yaml, "vigil.yaml").Probes;
        Assert.Equal(3, probes.Count);
        var shop = probes[0];
        Assert.Equal(("http", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 3, 2), (shop.Kind, shop.Interval, shop.Timeout, shop.Fall, shop.Rise));
        Assert.Equal([200, 204], shop.Http!.ExpectedStatus);
        Assert.False(shop.Http.VerifyTls);
        Assert.Equal(14, shop.Http.CertExpiryWarningDays);
        Assert.Equal("customer", shop.Labels.Get("impact"));
        var db = probes[1];
        Assert.Equal(("10.0.0.5", 5432, TimeSpan.FromSeconds(5), 2, 1), (db.Tcp!.Host, db.Tcp.Port, db.Timeout, db.Fall, db.Rise));
        Assert.Equal(("MX", 5353), (probes[2].Dns!.RecordType, probes[2].Dns!.Server!.Port));
    }

    public static TheoryData<string, int, string, string> Cases => new()
    {
        { "probes:\n  - name: a\n", 6, "probes[0]", "a probe needs one of http, tcp or dns" },
        { "probes:\n  - name: a\n    tcp: {target: nope}\n", 7, "probes[0].tcp.target", "expected host:port, got \"nope\"" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n    interval: 5s\n    timeout: 10s\n", 9, "probes[0].timeout", "must not be longer than the interval (5s)" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n    fall: 0\n", 8, "probes[0].fall", "must be between 1 and 100" },
        { "heartbeats:\n  - name: p\n    uuid: 0f8fad5b-d9cb-469f-a165-70867728950e\n    period: 1h\n    grace: 10000y\n", 9, "heartbeats[0].grace", "not a valid duration: \"10000y\" (e.g. 30s, 5m, 2h, 7d); it must be from 1s to 365d" },
        { "heartbeats:\n  - name: p\n    uuid: 0f8fad5b-d9cb-469f-a165-70867728950e\n    period: 400d\n", 8, "heartbeats[0].period", "400d is out of range; it must be from 1s to 365d" },
        { "heartbeats:\n  - name: p\n    uuid: 0f8fad5b-d9cb-469f-a165-70867728950e\n    cron: '0 0 31 2 *'\n", 8, "heartbeats[0].cron", "\"0 0 31 2 *\": it never fires (no such date); give a schedule that fires at least once every 5 years" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n    interval: 100d\n", 8, "probes[0].interval", "100d is out of range; it must be from 1s to 1d" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n    interval: 500ms\n", 8, "probes[0].interval", "500ms is out of range; it must be from 1s to 1d" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n    interval: 10000y\n", 8, "probes[0].interval", "not a valid duration string: \"10000y\"" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n    timeout: 50ms\n", 8, "probes[0].timeout", "50ms is out of range; it must be from 100ms to 1d" },
        { "probes:\n  - name: a\n    dns: {name: x, type: SRV}\n", 7, "probes[0].dns.type", "must be one of A, AAAA, CNAME, TXT, MX (got \"SRV\")" },
        { "probes:\n  - name: a\n    http: {url: 'ftp://x/'}\n", 7, "probes[0].http.url", "unsupported scheme \"ftp\" for URL" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n  - name: a\n    tcp: {target: 'h:2'}\n", 8, "probes[1]", "duplicate probe name \"a\"" },
        { "probes:\n  - name: a\n    tcp: {target: 'h:1'}\n    labels: {'bad-name': x}\n", 8, "probes[0].labels.bad-name", "invalid label name \"bad-name\"" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Errors_NameTheLineAndKey(string section, int line, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + section, "vigil.yaml"));
        Assert.Equal((line, key, reason), (e.Line, e.Key, e.Reason));
    }

    [Fact]
    public void Heartbeats_AreRead_AndNeedAUuidAndASchedule()
    {
        var yaml = Base + "heartbeats:\n  - name: backup\n    uuid: 0f8fad5b-d9cb-469f-a165-70867728950e\n    cron: '0 2 * * *'\n    time_zone: Europe/Berlin\n    grace: 30m\n";
        var hb = Assert.Single(ConfigLoader.Load(yaml, "vigil.yaml").Heartbeats);
        Assert.Equal(("backup", "0 2 * * *", "Europe/Berlin", TimeSpan.FromMinutes(30), "config"), (hb.Name, hb.Cron, hb.TimeZone, hb.Grace, hb.Source));
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + "heartbeats:\n  - name: x\n    uuid: nope\n    period: 1h\n", "vigil.yaml"));
        Assert.Equal((7, "heartbeats[0].uuid"), (e.Line, e.Key));
        e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + "heartbeats:\n  - name: x\n    uuid: 0f8fad5b-d9cb-469f-a165-70867728950e\n    period: 1h\n    time_zone: Mars/Base\n", "vigil.yaml"));
        Assert.Equal((9, "heartbeats[0].time_zone"), (e.Line, e.Key));
    }
}
