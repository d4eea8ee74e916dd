namespace Vigil.Bench;

/// <summary>
/// The standard probing stack for the latency comparison: blackbox exporter 0.23 probed by Prometheus 2.42 (scrape and
/// evaluation every 5 s, <c>probe_success == 0</c> for 10 s) sending to Alertmanager 0.25 (<c>group_wait: 5s</c>) whose
/// webhook goes to the bench's sink. All from Debian packages, on 127.0.0.1.
/// </summary>
internal sealed class PrometheusAlertingStack : IDisposable
{
    private readonly List<ProcessLauncher> _processes;

    private PrometheusAlertingStack(List<ProcessLauncher> processes) => _processes = processes;

    public static async Task<PrometheusAlertingStack> StartAsync(string dir, Uri sink, int targetPort)
    {
        var processes = new List<ProcessLauncher>();
        try
        {
            var amPort = ProcessLauncher.FreePort();
            await File.WriteAllTextAsync(Path.Combine(dir, "alertmanager.yml"), $"""
                route: {"{"}receiver: sink, group_by: [alertname, instance], group_wait: 5s, group_interval: 5s, repeat_interval: 1h{"}"}
                receivers:
                  - name: sink
                    webhook_configs: [{"{"}url: "{sink}", send_resolved: true{"}"}]
                """).ConfigureAwait(false);
            var am = ProcessLauncher.Start($"/usr/bin/prometheus-alertmanager --config.file={dir}/alertmanager.yml --storage.path={dir}/am " +
                $"--web.listen-address=127.0.0.1:{amPort} --cluster.listen-address=", Path.Combine(dir, "alertmanager.log"));
            processes.Add(am);
            var bbPort = ProcessLauncher.FreePort();
            await File.WriteAllTextAsync(Path.Combine(dir, "blackbox.yml"), "modules:\n  http_2xx:\n    prober: http\n    timeout: 4s\n").ConfigureAwait(false);
            var bb = ProcessLauncher.Start($"/usr/bin/prometheus-blackbox-exporter --config.file={dir}/blackbox.yml --web.listen-address=127.0.0.1:{bbPort}", Path.Combine(dir, "blackbox.log"));
            processes.Add(bb);
            await File.WriteAllTextAsync(Path.Combine(dir, "rules.yml"),
                "groups:\n  - name: probes\n    rules:\n      - alert: ProbeFailed\n        expr: probe_success == 0\n        for: 10s\n").ConfigureAwait(false);
            var promPort = ProcessLauncher.FreePort();
            await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
                global: {"{"}scrape_interval: 5s, scrape_timeout: 4s, evaluation_interval: 5s{"}"}
                rule_files: [{dir}/rules.yml]
                alerting:
                  alertmanagers: [{"{"}static_configs: [{"{"}targets: ['127.0.0.1:{amPort}']{"}"}]{"}"}]
                scrape_configs:
                  - job_name: blackbox
                    metrics_path: /probe
                    params: {"{"}module: [http_2xx]{"}"}
                    static_configs: [{"{"}targets: ['http://127.0.0.1:{targetPort}/']{"}"}]
                    relabel_configs:
                      - {"{"}source_labels: [__address__], target_label: __param_target{"}"}
                      - {"{"}source_labels: [__param_target], target_label: instance{"}"}
                      - {"{"}target_label: __address__, replacement: '127.0.0.1:{bbPort}'{"}"}
                """).ConfigureAwait(false);
            var prom = ProcessLauncher.Start($"/usr/bin/prometheus --config.file={dir}/prometheus.yml --storage.tsdb.path={dir}/tsdb " +
                $"--web.listen-address=127.0.0.1:{promPort}", Path.Combine(dir, "prometheus.log"));
            processes.Add(prom);
            await am.WaitReadyAsync(new Uri($"http://127.0.0.1:{amPort}/"), () => null, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await bb.WaitReadyAsync(new Uri($"http://127.0.0.1:{bbPort}/"), () => null, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await prom.WaitReadyAsync(new Uri($"http://127.0.0.1:{promPort}/"), () => null, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            return new PrometheusAlertingStack(processes);
        }
        catch
        {
            processes.ForEach(p => p.Dispose());
            throw;
        }
    }

    public void Dispose() => _processes.ForEach(p => p.Dispose());
}
