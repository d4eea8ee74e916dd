namespace Vigil.Server.Tests.Plans;

/// <summary>Plans and a configuration they validate against, shared by the reader, validator and endpoint tests.</summary>
internal static class PlanTexts
{
    /// <summary>A plan using every key and every kind of step, valid against <see cref="ConfigYaml"/>.</summary>
    public const string Full = """
        name: reboot-lb
        description: rolling reboot
        hosts: {pool: lb}
        serial: 1
        max_fail: 0
        window:
          watcher: alice
          backup: bob
          announcement: kernel update
        steps:
          - gate: pool_min_healthy
          - gate: oncall
          - gate: no_firing
            matchers: ['severity="critical"']
            host_scoped: yes
          - haproxy: drain
          - wait: drained
            timeout: 5m
          - haproxy: maint
          - agent: reboot
          - wait: host_back
            timeout: 15m
          - verify: post_boot
          - haproxy: ready
          - wait: haproxy_up
          - verify: probe
            probe: shop
          - wait: duration
            duration: 30s
          - webhook: {url: "https://chat.example.com/hook?token=x", body: "{{ host }} done"}
            timeout: 5s

        """;

    /// <summary>A small plan without pool steps, for tests about hosts.</summary>
    public const string Restart = """
        name: restart-web
        hosts: {match: ['host=~"web-.*"']}
        serial: [1, 2, "25%"]
        steps:
          - agent: restart-unicorn
          - verify: probe
            probe: shop

        """;

    /// <summary>Pools lb (lb-1, lb-2), web (web-1, web-2) and both (web-2, db-1); people, a schedule, a probe, a policy.</summary>
    public const string ConfigYaml = """
        route:
          receiver: ops
        receivers:
          - name: ops
        people:
          - {name: alice, email: alice@example.com}
          - {name: bob, email: bob@example.com}
        schedules:
          - name: primary
            layers:
              - {members: [alice, bob], rotation: 1w, start: 2026-01-01}
        escalation_policies:
          - name: ops
            levels:
              - {targets: [{person: alice}], ack_timeout: 5m}
        probes:
          - name: shop
            http: {url: "http://127.0.0.1:9/"}
        pools:
          - name: lb
            backend: lb
            min_healthy: 1
            haproxy: [{address: "127.0.0.1:9"}]
            members: {lb-1: lb-1, lb-2: lb-2}
          - name: web
            backend: web
            min_healthy: 1
            haproxy: [{address: "127.0.0.1:9"}]
            members: {web-1: web-1, web-2: web-2}
          - name: both
            backend: both
            min_healthy: 0
            haproxy: [{address: "127.0.0.1:9"}]
            members: {web-2: web-2, db-1: db-1}

        """;

    /// <summary>The 1-based line of the first line of <paramref name="text"/> containing <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var lines = text.Split('\n');
        var index = Array.FindIndex(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.True(index >= 0, $"marker {marker} not in the text");
        return index + 1;
    }

    /// <summary><paramref name="text"/> with <paramref name="old"/> (which must be there exactly once) replaced.</summary>
    public static string Replace(string text, string old, string replacement)
    {
        var at = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(old, at + 1, StringComparison.Ordinal) < 0, $"'{old}' is not in the plan exactly once");
        return text[..at] + replacement + text[(at + old.Length)..];
    }
}
