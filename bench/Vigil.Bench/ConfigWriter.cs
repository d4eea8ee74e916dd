namespace Vigil.Bench;

/// <summary>
/// The Alertmanager-shaped YAML both systems run under: a <c>LatencyProbe</c> route (group_wait 0s, one
/// group per probe) to <c>SINK/probe</c>, and a default route (group_wait 30s) to <c>SINK/default</c>.
/// </summary>
internal static class ConfigWriter
{
    public static string Yaml(Uri sinkUrl)
    {
        var sink = sinkUrl.ToString().TrimEnd('/');
        return $"""
            # Written by Vigil.Bench. Loads in Alertmanager 0.25 and in Vigil.
            global:
              # Long enough that alerts posted without endsAt stay active for the whole run.
              resolve_timeout: 1h

            route:
              receiver: bulk
              group_by: [alertname, cluster]
              group_wait: 30s
              group_interval: 5m
              repeat_interval: 4h
              routes:
                - receiver: probe
                  matchers: ['alertname="LatencyProbe"']
                  group_by: [probe_id]
                  group_wait: 0s
                  group_interval: 5m
                  repeat_interval: 4h

            receivers:
              - name: probe
                webhook_configs:
                  - url: {sink}/probe
                    send_resolved: false
              - name: bulk
                webhook_configs:
                  - url: {sink}/default
                    send_resolved: false

            """;
    }
}
