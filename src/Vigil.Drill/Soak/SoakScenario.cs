using System.Globalization;
using System.Text;

namespace Vigil.Drill.Soak;

/// <summary>
/// A random scenario for <c>vigil drill soak</c>, written as a scenario file (so a failing one can be saved and replayed
/// with <c>vigil drill run</c>) and read back with the ordinary reader: a fleet of balancers, application and database
/// servers; a team on a weekly rotation; faults spread over the days (hosts down, failing services, reboots that lose a
/// mount, probe targets failing, a receiver down); responders who acknowledge after their own delays, silence (some
/// blanket, some over customer alerts), approve, run a rolling plan, mount and restart. Every guardrail is on: the
/// invariants must hold for every seed. The same seed and length give the same file.
/// </summary>
internal static class SoakScenario
{
    public static string Yaml(int seed, int days, int hosts)
    {
        var r = new Random(seed);
        var web = Math.Max(3, (hosts - 2) * 6 / 10);
        var db = Math.Max(1, hosts - 2 - web);
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"# vigil drill soak: seed {seed}, {days} days, {hosts} hosts");
        b.AppendLine(CultureInfo.InvariantCulture, $"name: soak-{seed}");
        b.AppendLine("zone: UTC");
        b.AppendLine("start: 2026-01-05 00:00");
        b.AppendLine(CultureInfo.InvariantCulture, $"duration: {days}d");
        b.AppendLine(CultureInfo.InvariantCulture, $"seed: {seed}");
        b.AppendLine("fleet:");
        b.AppendLine("  hosts:");
        var webHosts = Enumerable.Range(1, web).Select(i => $"web-{i}").ToList();
        var dbHosts = Enumerable.Range(1, db).Select(i => $"db-{i}").ToList();
        foreach (var lb in new[] { "lb-1", "lb-2" })
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"    - {{name: {lb}, report_every: 30s, mounts: [/data], services: [haproxy], reboot_takes: {r.Next(1, 6)}m}}");
        }
        foreach (var w in webHosts)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"    - {{name: {w}, report_every: 30s, services: [unicorn], reboot_takes: {r.Next(1, 6)}m}}");
        }
        foreach (var d in dbHosts)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"    - {{name: {d}, report_every: 30s, mounts: [/data], services: [postgresql], reboot_takes: {r.Next(2, 8)}m}}");
        }
        b.AppendLine("  pools:");
        b.AppendLine("    - {name: edge, members: [lb-1, lb-2], min_healthy: 1}");
        b.AppendLine(CultureInfo.InvariantCulture, $"    - {{name: app, members: [{string.Join(", ", webHosts)}], min_healthy: {web - 2}}}");
        b.AppendLine("  probes:");
        b.AppendLine("    - {name: shop, through: [edge, app], every: 30s}");
        b.AppendLine("    - {name: api, through: [edge, app], every: 30s}");
        Vigil(b, webHosts);
        Faults(b, r, days, webHosts, dbHosts);
        Responders(b, r, days, webHosts, dbHosts);
        return b.ToString();
    }

    private static readonly string[] People = ["ana", "ben", "cho", "dev"];

    private static void Vigil(StringBuilder b, IReadOnlyList<string> web)
    {
        b.Append("""
            vigil:
              route:
                receiver: oncall
                group_by: [alertname, host]
                group_wait: 30s
                group_interval: 5m
                repeat_interval: 4h
                routes:
                  - {matchers: ['impact="customer"'], receiver: oncall, group_by: [alertname, probe], group_wait: 0s}
              receivers:
                - name: oncall
                  vigil_configs: [{policy: ops}]
              people:

            """);
        foreach (var p in People)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"    - {{name: {p}, contact_methods: [{{type: webhook, url: \"https://pager.example.invalid/{p}\"}}]}}");
        }
        var layers = "[{members: [" + string.Join(", ", People) + "], rotation: 1w, start: 2026-01-05}]";
        var members = "{" + string.Join(", ", web.Select(w => $"{w}: {w}")) + "}";
        b.Append($$$"""
              schedules:
                - name: primary
                  layers: {{{layers}}}
              escalation_policies:
                - name: ops
                  repeat: 1
                  levels:
                    - {targets: [{schedule: primary}], ack_timeout: 10m}
                    - {targets: [{person: {{{People[0]}}}}], ack_timeout: 10m}
              probes:
                - {name: shop, http: {url: "https://shop.example.invalid/"}, interval: 30s, labels: {impact: customer}}
                - {name: api, http: {url: "https://api.example.invalid/"}, interval: 30s, labels: {impact: customer}}
              pools:
                - {name: edge, backend: edge, min_healthy: 1, haproxy: [{address: "127.0.0.1:9999"}], members: {lb-1: lb-1, lb-2: lb-2}}
                - {name: app, backend: app, min_healthy: {{{web.Count - 2}}}, haproxy: [{address: "127.0.0.1:9999"}], members: {{{members}}}}
              maintenance: {watcher_schedule: primary}
              incidents:
                commander: {{{People[0]}}}
                auto_open:
                  - {name: customers, matchers: ['impact="customer"'], for: 2m, severity: SEV1, title: "Customers are failing"}
              vendors:
                - {name: hoster, webhook: "https://vendor.example.invalid/", response_within: 30m}
              plans:
                escalation_policy: ops
                definitions:
                  - name: rolling-app
                    hosts: {pool: app}
                    serial: 1
                    window: {watcher: {{{People[1]}}}, backup: {{{People[2]}}}, announcement: "rolling restart of the app servers"}
                    steps:
                      - gate: pool_min_healthy
                      - haproxy: drain
                      - wait: drained
                      - haproxy: maint
                      - agent: reboot
                      - wait: host_back
                      - verify: post_boot
                      - haproxy: ready
                      - wait: haproxy_up

            """);
    }

    private static void Faults(StringBuilder b, Random r, int days, IReadOnlyList<string> web, IReadOnlyList<string> db)
    {
        b.AppendLine("faults:");
        var all = new[] { "lb-1", "lb-2" }.Concat(web).Concat(db).ToList();
        var minutes = days * 1440;
        var count = Math.Max(3, days * 3);
        for (var i = 0; i < count; i++)
        {
            var at = r.Next(10, minutes - 10);
            var length = r.Next(5, 360);
            switch (r.Next(10))
            {
                case < 4:
                    b.AppendLine(CultureInfo.InvariantCulture, $"  - {{kind: host_down, host: {Pick(r, all)}, at: \"+{at}m\", until: \"+{at + length}m\"}}");
                    break;
                case < 7:
                    var w = Pick(r, web);
                    b.AppendLine(CultureInfo.InvariantCulture, $"  - {{kind: failing_checks, host: {w}, check: unicorn, at: \"+{at}m\", until: \"+{at + length}m\"}}");
                    break;
                case < 8:
                    var d = Pick(r, db.Append("lb-1").Append("lb-2").ToList());
                    b.AppendLine(CultureInfo.InvariantCulture, $"  - {{kind: reboot_loses_mount, host: {d}, mount: /data, at: \"+{at}m\", until: \"+{at + length * 4}m\"}}");
                    break;
                case < 9:
                    b.AppendLine(CultureInfo.InvariantCulture, $"  - {{kind: probe_failing, probe: {(r.Next(2) == 0 ? "shop" : "api")}, at: \"+{at}m\", until: \"+{at + length / 10 + 2}m\"}}");
                    break;
                default:
                    b.AppendLine(CultureInfo.InvariantCulture, $"  - {{kind: receiver_down, receiver: oncall, at: \"+{at}m\", until: \"+{at + length / 4 + 1}m\"}}");
                    break;
            }
        }
    }

    private static void Responders(StringBuilder b, Random r, int days, IReadOnlyList<string> web, IReadOnlyList<string> db)
    {
        b.AppendLine("policy: {all: on}");
        b.AppendLine("responders:");
        var minutes = days * 1440;
        foreach (var person in People)
        {
            var median = r.Next(1, 10);
            var ack = r.Next(10) == 0 ? "never" : $"lognormal({median}m, {median * r.Next(2, 5)}m)";
            b.AppendLine(CultureInfo.InvariantCulture, $"  - person: {person}");
            b.AppendLine(CultureInfo.InvariantCulture, $"    ack_after: {ack}");
            b.AppendLine("    acts:");
            b.AppendLine(CultureInfo.InvariantCulture, $"      - {{after: {{approval_requested: {r.Next(1, 30)}m}}, approve: true}}");
            b.AppendLine(CultureInfo.InvariantCulture, $"      - {{after: {{incident_opened: {r.Next(5, 60)}m}}, vendor_ticket: {{vendor: hoster, responds_after: {r.Next(5, 60)}m}}}}");
            for (var i = 0; i < Math.Max(1, days / 2); i++)
            {
                var at = r.Next(10, minutes - 10);
                var act = r.Next(7) switch
                {
                    0 => "silence: {matchers: ['alertname=~\".+\"'], for: 12h, comment: routine}",
                    1 => "silence: {matchers: ['impact=\"customer\"'], for: 1h, comment: \"known, working on it\"}",
                    2 => $"silence: {{matchers: ['host=\"{Pick(r, web)}\"'], for: 2h, comment: maintenance}}",
                    3 => "run_plan: rolling-app",
                    4 => $"mount: {{host: {Pick(r, db)}, mount: /data}}",
                    5 => $"restart: {{host: {Pick(r, web)}, service: unicorn, takes: {r.Next(1, 10)}m}}",
                    _ => "ack: true",
                };
                b.AppendLine(CultureInfo.InvariantCulture, $"      - {{at: \"+{at}m\", {act}}}");
            }
        }
    }

    private static string Pick(Random r, IReadOnlyList<string> from) => from[r.Next(from.Count)];
}
