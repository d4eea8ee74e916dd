using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>A real Prometheus 2.42 whose alerting.alertmanagers points at Vigil with a bearer token.</summary>
public sealed class PrometheusTests
{
    private const string Prometheus = "/usr/bin/prometheus";

    [Fact]
    public async Task Prometheus_DeliversItsFiringAlerts_ToVigil()
    {
        ExternalTool.Require(Prometheus);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var dir = vigil.Options.WorkingDirectory;
        var target = new Uri(vigil.Url).Authority;
        await File.WriteAllTextAsync(Path.Combine(dir, "rules.yml"), """
            groups:
              - name: test
                interval: 1s
                rules:
                  - alert: AlwaysFiring
                    expr: vector(1)
                    labels:
                      severity: warning
                    annotations:
                      summary: always firing
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
            global:
              evaluation_interval: 1s
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - static_configs:
                    - targets: ['{target}']
                  authorization:
                    type: Bearer
                    credentials: {vigil.AdminToken}
            """);
        var port = ExternalTool.FreePort();
        using var prometheus = ExternalTool.Start(Prometheus, "--config.file=" + Path.Combine(dir, "prometheus.yml"),
            "--storage.tsdb.path=" + Path.Combine(dir, "tsdb"), $"--web.listen-address=127.0.0.1:{port}", "--rules.alert.resend-delay=1s");
        try
        {
            await ExternalTool.WaitUntilAsync(async () => (await vigil.GetAlertsAsync()).Count > 0, TimeSpan.FromSeconds(45), "Prometheus' alert in Vigil");
            var alert = Assert.Single(await vigil.GetAlertsAsync())!;
            Assert.Equal("AlwaysFiring", alert["labels"]!["alertname"]!.ToString());
            Assert.Equal("always firing", alert["annotations"]!["summary"]!.ToString());
            Assert.Contains("/graph?g0.expr=", alert["generatorURL"]!.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            prometheus.Kill();
        }
    }
}
