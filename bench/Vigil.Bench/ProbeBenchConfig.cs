using System.Globalization;
using System.Text;

namespace Vigil.Bench;

/// <summary>The Vigil configurations of the probe benchmarks.</summary>
internal static class ProbeBenchConfig
{
    /// <summary>One http probe (interval 1s, fall 2, rise 1) whose alerts go at once (group_wait 0s) to <paramref name="sink"/>.</summary>
    public static string Latency(Uri sink, int targetPort) => $$"""
        route:
          receiver: sink
          group_by: [alertname, probe]
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: sink
            webhook_configs:
              - url: {{sink}}
                send_resolved: true
        probes:
          - name: bench-target
            http: {url: "http://127.0.0.1:{{targetPort}}/"}
            interval: 1s
            fall: 2
            rise: 1
        """;

    /// <summary><paramref name="count"/> http probes named <c>p00000…</c> at <paramref name="interval"/>, each on its own path; alerts go nowhere.</summary>
    public static string Scale(int count, int intervalSeconds, int targetPort)
    {
        var yaml = new StringBuilder("route:\n  receiver: none\nreceivers:\n  - name: none\nprobes:\n");
        for (var i = 0; i < count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture,
                $"  - {{name: {Name(i)}, http: {{url: \"http://127.0.0.1:{targetPort}/{Name(i)}\"}}, interval: {intervalSeconds}s, timeout: 5s}}\n");
        }
        return yaml.ToString();
    }

    public static string Name(int i) => "p" + i.ToString("D5", CultureInfo.InvariantCulture);
}
