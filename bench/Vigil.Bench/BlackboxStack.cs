using System.Globalization;
using System.Text;

namespace Vigil.Bench;

/// <summary>
/// Prometheus 2.42 scraping the blackbox exporter 0.23 (Debian packages) for the same http probes as
/// <see cref="ProbeBenchConfig.Scale"/>: one scrape job, each target relabelled to <c>/probe?target=URL&amp;module=http_2xx</c>.
/// </summary>
internal sealed class BlackboxStack : IDisposable
{
    private readonly ProcessLauncher _blackbox;
    private readonly ProcessLauncher _prometheus;

    private BlackboxStack(ProcessLauncher blackbox, ProcessLauncher prometheus, int blackboxPid, int prometheusPid)
    {
        _blackbox = blackbox;
        _prometheus = prometheus;
        Pids = [blackboxPid, prometheusPid];
    }

    public IReadOnlyList<int> Pids { get; }

    public static async Task<BlackboxStack> StartAsync(string dir, int probes, int intervalSeconds, int targetPort)
    {
        var bbPort = ProcessLauncher.FreePort();
        var bbConfig = Path.Combine(dir, "blackbox.yml");
        await File.WriteAllTextAsync(bbConfig, "modules:\n  http_2xx:\n    prober: http\n    timeout: 5s\n").ConfigureAwait(false);
        var blackbox = ProcessLauncher.Start($"/usr/bin/prometheus-blackbox-exporter --config.file={bbConfig} --web.listen-address=127.0.0.1:{bbPort}", Path.Combine(dir, "blackbox.log"));
        var promPort = ProcessLauncher.FreePort();
        var promConfig = Path.Combine(dir, "prometheus.yml");
        var yaml = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"global: {{scrape_interval: {intervalSeconds}s, scrape_timeout: 5s, evaluation_interval: 1m}}\nscrape_configs:\n  - job_name: blackbox\n    metrics_path: /probe\n    params: {{module: [http_2xx]}}\n" +
            $"    relabel_configs:\n      - {{source_labels: [__address__], target_label: __param_target}}\n      - {{source_labels: [__param_target], target_label: instance}}\n" +
            $"      - {{target_label: __address__, replacement: '127.0.0.1:{bbPort}'}}\n    static_configs:\n      - targets:\n"));
        for (var i = 0; i < probes; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"        - http://127.0.0.1:{targetPort}/{ProbeBenchConfig.Name(i)}\n");
        }
        await File.WriteAllTextAsync(promConfig, yaml.ToString()).ConfigureAwait(false);
        var prometheus = ProcessLauncher.Start(
            $"/usr/bin/prometheus --config.file={promConfig} --storage.tsdb.path={Path.Combine(dir, "tsdb")} --web.listen-address=127.0.0.1:{promPort}",
            Path.Combine(dir, "prometheus.log"));
        try
        {
            await blackbox.WaitReadyAsync(new Uri($"http://127.0.0.1:{bbPort}/"), () => null, TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            await prometheus.WaitReadyAsync(new Uri($"http://127.0.0.1:{promPort}/"), () => null, TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        }
        catch
        {
            prometheus.Dispose();
            blackbox.Dispose();
            throw;
        }
        return new BlackboxStack(blackbox, prometheus, PortOwner.FindPid(bbPort) ?? blackbox.Pid, PortOwner.FindPid(promPort) ?? prometheus.Pid);
    }

    public void Dispose()
    {
        _prometheus.Dispose();
        _blackbox.Dispose();
    }
}
