using System.Text;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>The same requests to a real Alertmanager 0.25 and to Vigil give the same status codes,
/// fingerprints and alert fields.</summary>
public sealed class AlertmanagerParityTests
{
    public static TheoryData<string> Requests => new()
    {
        """[{"labels":{"alertname":"Foo","a":"1"}}]""",
        """[{"labels":{"alertname":"Bar","instance":"i:9100","job":"node"},"annotations":{"summary":"s"},"generatorURL":"http://g"}]""",
        """[{"labels":{"alertname":"Z"},"startsAt":"0001-01-01T00:00:00Z","endsAt":"0001-01-01T00:00:00Z"}]""",
        """[{"labels":{"alertname":"Utf8","where":"Zürich ☃"}}]""",
        """[{"labels":{"alertname":"Mixed","cafe":"caf\u00e9 au lait","emoji":"on fire 🔥 now","z":"\u0041scii, escaped"}}]""",
        """[{"labels":{"alertname":"Long","value":"a value longer than the sixty-four bytes that the string pool keeps, ü at the end ü"}}]""",
        """[{"labels":{"alertname":"Empty","drop":""}}]""",
        "{bad",
        """[{"annotations":{}}]""",
        """[{"labels":{}}]""",
        """[{"labels":{"0bad":"x"}}]""",
        """[{"labels":{"a":"x"},"startsAt":"2024-01-02T00:00:00Z","endsAt":"2024-01-01T00:00:00Z"}]""",
        "[]",
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task SameRequest_GivesSameStatus_AndSameFingerprints(string body)
    {
        using var am = await RealAlertmanager.StartAsync(Configs.Minimal);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);

        var amResponse = await am.Http.PostAsync("api/v2/alerts", new StringContent(body, Encoding.UTF8, "application/json"));
        var vigilResponse = await vigil.PostAlertsAsync(body);
        Assert.Equal((int)amResponse.StatusCode, (int)vigilResponse.StatusCode);

        var amAlerts = JsonNode.Parse(await am.Http.GetStringAsync("api/v2/alerts"))!.AsArray();
        var vigilAlerts = await vigil.GetAlertsAsync();
        Assert.Equal(Shape(amAlerts), Shape(vigilAlerts));
    }

    private static List<string> Shape(JsonArray alerts) =>
        alerts.Select(a => string.Join("|",
            a!["fingerprint"],
            a["labels"]!.ToJsonString(),
            a["annotations"]!.ToJsonString(),
            a["status"]!["state"],
            string.Join(",", a.AsObject().Select(p => p.Key)))).ToList();
}
