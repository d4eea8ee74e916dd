using Vigil.Drill.Notify;

namespace Vigil.Drill.Tests.Notify;

/// <summary>Drill files for the tests: a small routing tree inline, and what the test adds below it.</summary>
internal static class Drills
{
    public const string Config = """
        config:
          route:
            receiver: team
            group_by: [alertname]
            group_wait: 30s
            group_interval: 5m
            repeat_interval: 1h
            routes:
              - matchers: ['severity="critical"']
                receiver: pager
                mute_time_intervals: [weekend]
          inhibit_rules:
            - source_matchers: ['alertname="ServiceDown"']
              target_matchers: ['alertname="HighLatency"']
              equal: [service]
          time_intervals:
            - name: weekend
              time_intervals: [{weekdays: [saturday, sunday]}]
          receivers:
            - name: team
              webhook_configs: [{url: 'http://hooks.example/team'}]
            - name: pager
              webhook_configs: [{url: 'http://hooks.example/pager'}]
        start: 2025-01-06T09:00:00Z

        """;

    public static NotifyDrillResult Run(string rest) => NotifyDrillRunner.Run(NotifyDrillReader.Read(Config + rest, "drill.yaml"));

    public static DateTimeOffset At(string offset) => NotifyDrillReader.DefaultStart + Vigil.Server.Config.PromDuration.Parse(offset);
}
