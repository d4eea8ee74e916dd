using System.Globalization;
using System.Text;

namespace Vigil.Bench.Ui;

/// <summary>The UI bench's data set as configuration: <paramref name="probes"/> tcp probes on a closed loopback port
/// (every tenth one customer-facing, so the Now page has customer impact to show), people and a schedule; alerts
/// route to a receiver that notifies nobody.</summary>
internal static class UiBenchConfig
{
    public static string Yaml(int probes)
    {
        var yaml = new StringBuilder("""
            route:
              receiver: none
              group_by: [alertname, service]
            receivers:
              - name: none
            people:
              - name: alice
              - name: bob
            schedules:
              - name: primary
                time_zone: Europe/Berlin
                layers:
                  - {members: [alice, bob], rotation: 1d, start: 2026-01-01, restrictions: [{weekly: "Mon 09:00-Fri 17:00"}]}
            probes:

            """);
        for (var i = 0; i < probes; i++)
        {
            var customer = i % 10 == 0 ? ", impact: customer" : "";
            yaml.Append(CultureInfo.InvariantCulture,
                $"  - {{name: p{i:D5}, tcp: {{target: \"127.0.0.1:1\"}}, interval: 60s, timeout: 2s, labels: {{service: s{i % 50}{customer}}}}}\n");
        }
        return yaml.ToString();
    }
}
