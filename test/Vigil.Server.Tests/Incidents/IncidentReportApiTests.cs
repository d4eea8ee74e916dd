using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary><c>GET /api/v1/incidents/{id}/impact</c> and <c>GET /api/v1/analytics/incidents</c> on both engines, on a fake clock.</summary>
public sealed class IncidentReportApiTests
{
    private static readonly DateTimeOffset Night = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task CustomerAlertFiringSixMinutes_IsSixCustomerMinutes_InTheImpactAndTheAnalytics(string engine)
    {
        var clock = new FakeTimeProvider(Night);
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, clock);
        await vigil.PostAlertsAsync(Alert(Night, Night.AddDays(1)));
        var fingerprint = await Eventually.GetAsync(async () => (await vigil.GetAlertsAsync()).FirstOrDefault()?["fingerprint"]?.ToString(), f => f is not null);
        var id = await IncidentClient.OpenAsync(vigil, $$"""{"title":"Site down","severity":"SEV1","alerts":["{{fingerprint}}"]}""");

        clock.Advance(TimeSpan.FromMinutes(6));
        await vigil.PostAlertsAsync(Alert(Night, Night.AddMinutes(6)));
        await Eventually.GetAsync(async () => (await IncidentClient.ShowAsync(vigil, id))["times"]!["impactEndedAt"], t => t is not null);
        clock.Advance(TimeSpan.FromMinutes(4));

        var impact = await GetAsync(vigil, $"api/v1/incidents/{id}/impact");
        Assert.Equal(Night, impact["from"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Night.AddMinutes(10), impact["to"]!.GetValue<DateTimeOffset>());
        Assert.Equal([1, 1, 1, 1, 1, 1, 0, 0, 0, 0], impact["series"]!.AsArray().Select(p => p!["failingShare"]!.GetValue<double>()));
        Assert.Equal(Night.AddMinutes(1), impact["series"]![1]!["minute"]!.GetValue<DateTimeOffset>());
        Assert.Equal((1.0, 6.0), (impact["peak"]!.GetValue<double>(), impact["customerMinutes"]!.GetValue<double>()));

        await IncidentClient.OkAsync(vigil.Http, HttpMethod.Post, $"api/v1/incidents/{id}/resolve", "{}");
        var analytics = await GetAsync(vigil, $"api/v1/analytics/incidents?from={Z(Night.AddHours(-1))}&to={Z(Night.AddHours(1))}");
        Assert.Equal((1, 0), (analytics["incidents"]!.GetValue<int>(), analytics["open"]!.GetValue<int>()));
        Assert.Equal(1, analytics["bySeverity"]!["SEV1"]!.GetValue<int>());
        Assert.Equal((0.0, 1), (analytics["mttd"]!["seconds"]!.GetValue<double>(), analytics["mttd"]!["incidents"]!.GetValue<int>()));
        Assert.Equal(360.0, analytics["mttm"]!["seconds"]!.GetValue<double>());
        Assert.Equal(600.0, analytics["mttr"]!["seconds"]!.GetValue<double>());
        Assert.Null(analytics["mtta"]!["seconds"]);
        Assert.Equal(6.0, analytics["customerMinutes"]!.GetValue<double>());
        Assert.Equal(0, analytics["vendorDeadlinesMissed"]!.GetValue<int>());

        var none = await GetAsync(vigil, $"api/v1/analytics/incidents?from={Z(Night.AddDays(1))}&to={Z(Night.AddDays(2))}");
        Assert.Equal(0, none["incidents"]!.GetValue<int>());
        var metrics = await vigil.Http.GetStringAsync("metrics");
        Assert.Contains("vigil_incident_customer_minutes_last_30d", metrics, StringComparison.Ordinal);
        Assert.Contains("vigil_incident_mean_seconds_last_30d{measure=\"resolve\"}", metrics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/v1/analytics/incidents?from=yesterday", HttpStatusCode.BadRequest, "from:")]
    [InlineData("api/v1/analytics/incidents?from=2020-05-12T00:00:00Z&to=2020-05-11T00:00:00Z", HttpStatusCode.BadRequest, "from: must be before to")]
    [InlineData("api/v1/incidents/99/impact", HttpStatusCode.NotFound, "no incident")]
    [InlineData("api/v1/incidents/x/impact", HttpStatusCode.NotFound, "no incident")]
    public async Task BadRequests_AreRefusedNamingTheField(string path, HttpStatusCode status, string detail)
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);

        using var response = await vigil.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detail, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Z(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private static string Alert(DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        $$"""[{"labels":{"alertname":"SiteDown","impact":"customer"},"startsAt":"{{startsAt:O}}","endsAt":"{{endsAt:O}}"}]""";

    private static async Task<JsonNode> GetAsync(VigilInstance vigil, string path)
    {
        using var response = await vigil.Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
