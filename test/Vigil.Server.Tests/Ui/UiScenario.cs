using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Ui;

/// <summary>A server with something in it for the UI tests on Now, Pages and Incidents: alerts route to an escalation
/// policy that pages alice (by webhook) — probe alerts go to a receiver that notifies nobody — a schedule covering only office hours (so it has gaps), a customer-facing
/// probe that fails (nothing listens on port 1) and a vendor.</summary>
internal static class UiScenario
{
    public static string Config(string hookUrl) => $$"""
        route:
          receiver: oncall
          group_by: [alertname]
          group_wait: 1s
          group_interval: 10s
          routes:
            - matchers: ['alertname="ProbeFailed"']
              receiver: probes
        receivers:
          - name: oncall
            vigil_configs: [{policy: ops}]
          - name: probes
        escalation_policies:
          - name: ops
            levels:
              - targets: [{person: alice}]
                ack_timeout: 30m
        people:
          - name: alice
            contact_methods: [{type: webhook, url: "{{hookUrl}}alice"}]
          - name: bob
            contact_methods: [{type: webhook, url: "{{hookUrl}}bob"}]
        schedules:
          - name: primary
            time_zone: Europe/Berlin
            layers:
              - {members: [alice, bob], rotation: 1d, start: 2026-01-01, restrictions: [{weekly: "Mon 09:00-Mon 17:00"}]}
        probes:
          - name: checkout
            tcp: {target: "127.0.0.1:1"}
            interval: 1s
            fall: 1
            labels: {impact: customer, service: shop}
          - name: search
            tcp: {target: "127.0.0.1:1"}
            interval: 1h
            labels: {impact: customer, service: search}
        vendors:
          - name: acme-dc
            webhook: "{{hookUrl}}vendor"
            response_within: 30m
        """;

    public static string Alert(string name, string severity, string extraLabels = "") =>
        $$"""[{"labels":{"alertname":"{{name}}","severity":"{{severity}}"{{extraLabels}}},"annotations":{"summary":"{{name}} is failing"},"startsAt":"{{TimeProvider.System.GetUtcNow().AddSeconds(-5):O}}"}]""";

    public static async Task<JsonArray> PagesAsync(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/pages"))!.AsArray();

    /// <summary>A token of another person (scope read, write or admin), to sign in as someone else.</summary>
    public static async Task<string> TokenAsync(VigilInstance vigil, string name, string scope)
    {
        using var created = await vigil.Http.PostAsync("api/v1/tokens",
            new StringContent($$"""{"name":"{{name}}","scope":"{{scope}}"}""", System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        return JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!.ToString();
    }
}
