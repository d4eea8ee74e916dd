namespace Vigil.Server.Tests.Oncall;

/// <summary>Configurations with people, teams and schedules for the server tests.</summary>
internal static class OnCallConfigs
{
    public const string People = """
        people:
          - name: alice
            email: alice@example.com
            time_zone: America/Los_Angeles
            contact_methods:
              - {type: slack, url: "https://hooks.slack.example/services/T1/B1/x"}
              - {type: webhook, url: "https://hooks.example/alice"}
            notification_rules:
              - {method: slack, after: 0m}
              - {method: email, after: 5m}
          - name: bob
            email: bob@example.com
            time_zone: Europe/Berlin
          - name: carol
            email: carol@example.com
          - name: dave
            email: dave@example.com
        teams:
          - name: sre
            members: [alice, bob, carol]
        """;

    /// <summary>A daily 09:00 Los Angeles rotation of three (<c>la</c>), and a Berlin schedule that covers only 06:00-02:00,
    /// leaving 02:00-06:00 every night uncovered (<c>berlin</c>).</summary>
    public static string Schedules(string extra = "") => $"""
        route:
          receiver: ops
        receivers:
          - name: ops
        {extra}
        {People}
        schedules:
          - name: la
            time_zone: America/Los_Angeles
            layers:
              - members: [alice, bob, carol]
                rotation: 1d
                handoff: "09:00"
                start: 2027-01-01
          - name: berlin
            time_zone: Europe/Berlin
            layers:
              - name: days
                members: [bob, dave]
                rotation: 1w
                handoff: "06:00"
                start: 2027-01-04
                restrictions:
                  - daily: "06:00-02:00"
        """;

}
