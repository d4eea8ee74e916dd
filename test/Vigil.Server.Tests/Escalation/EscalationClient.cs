using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Escalation;

/// <summary>Shared set-up for the escalation tests: a config that pages alice (level 1) then the leads team (level 2).</summary>
internal static class EscalationClient
{
    public static readonly DateTimeOffset Start = new(2026, 5, 10, 12, 0, 0, TimeSpan.Zero);

    public static string ConfigYaml(string hookUrl, int smtpPort, string extra = "") => $$"""
        route:
          receiver: oncall
          group_by: [alertname]
          group_wait: 1s
          group_interval: 10s
        receivers:
          - name: oncall
            vigil_configs: [{policy: ops}]
        escalation_policies:
          - name: ops
            levels:
              - targets: [{person: alice}]
                ack_timeout: 5m
              - targets: [{team: leads}]
                ack_timeout: 10m
        people:
          - name: alice
            email: alice@example.com
            contact_methods: [{type: slack, url: "{{hookUrl}}slack/alice"}]
          - name: bob
            contact_methods: [{type: webhook, url: "{{hookUrl}}webhook/bob"}]
        teams:
          - name: leads
            members: [bob]
        smtp:
          host: 127.0.0.1
          port: {{smtpPort}}
          from: vigil@example.com
        {{extra}}
        """;


    /// <summary>
    /// Moves the fake clock a second at a time (with real pauses for the workers) until <paramref name="done"/> holds. When it
    /// never does, the failure shows what <paramref name="vigil"/> (when given) held then: its pages and its notifications;
    /// and what the test's receivers had (<paramref name="seen"/>, when given).
    /// </summary>
    public static async Task NudgeUntilAsync(FakeTimeProvider clock, Func<bool> done, int maxSeconds = 120, VigilInstance? vigil = null, Func<string>? seen = null)
    {
        if (!await ClockNudges.UntilAsync(clock, done, TimeSpan.FromSeconds(1), maxSeconds, pauseMs: 40))
        {
            Assert.Fail($"the expected thing did not happen by {clock.GetUtcNow():O}" + (seen is null ? "" : $"\nreceived: {seen()}")
                + (vigil is null ? "" : "\n" + await HeldAsync(vigil)));
        }
    }

    private static async Task<string> HeldAsync(VigilInstance vigil)
    {
        var pages = await vigil.Http.GetStringAsync("api/v1/pages");
        var notifications = await vigil.Http.GetStringAsync("api/v1/notifications");
        return $"pages: {pages}\nnotifications: {notifications}";
    }

    public static async Task<JsonArray> PagesAsync(VigilInstance vigil) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/pages"))!.AsArray();

    public static async Task<JsonObject> PageAsync(VigilInstance vigil, long id) =>
        JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v1/pages/{id}"))!.AsObject();

    public static int Count(WebhookCollector hook, string path) => hook.Messages.Count(m => m.Path == path);

    /// <summary>Posts a signed link as a person would, without a token, to the running server (the link's host may be from before a restart).</summary>
    public static async Task<HttpResponseMessage> FollowAsync(VigilInstance vigil, string link)
    {
        using var anonymous = vigil.CreateClient(null);
        return await anonymous.PostAsync(new Uri(link).PathAndQuery.TrimStart('/'), null);
    }

    public static string Alert(string name, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        $$"""[{"labels":{"alertname":"{{name}}","team":"web"},"annotations":{"summary":"{{name}} is failing"},"startsAt":"{{startsAt:O}}","endsAt":"{{endsAt:O}}"}]""";
}
