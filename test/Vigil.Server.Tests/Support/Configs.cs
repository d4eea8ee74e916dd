namespace Vigil.Server.Tests.Support;

/// <summary>Config strings for tests, in Alertmanager's shape.</summary>
public static class Configs
{
    /// <summary>Everything to one webhook, grouped by alertname, flushed at once.</summary>
    public static string Webhook(string url, string groupWait = "0s", string groupInterval = "1s", string repeatInterval = "1h", bool sendResolved = true, string extra = "") => $"""
        global:
          resolve_timeout: 5m
        route:
          receiver: hook
          group_by: [alertname]
          group_wait: {groupWait}
          group_interval: {groupInterval}
          repeat_interval: {repeatInterval}
        receivers:
          - name: hook
            webhook_configs:
              - url: {url}
                send_resolved: {(sendResolved ? "true" : "false")}
        {extra}
        """;

    public const string Minimal = """
        route:
          receiver: none
        receivers:
          - name: none
        """;
}
