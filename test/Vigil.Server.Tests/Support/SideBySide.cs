using System.Text;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// A real Alertmanager 0.25 and Vigil (SQLite) on the same configuration, each with its own <see cref="RequestSink"/>
/// standing in for the integration's API, and the same external URL: <c>config(sinkBaseUrl)</c> writes the configuration pointing at a sink, so
/// what each sends for the same alerts can be compared byte for byte.
/// </summary>
public sealed class SideBySide : IAsyncDisposable
{
    private SideBySide(RealAlertmanager alertmanager, VigilInstance vigil, RequestSink amSink, RequestSink vigilSink)
    {
        Alertmanager = alertmanager;
        Vigil = vigil;
        AlertmanagerSink = amSink;
        VigilSink = vigilSink;
    }

    public RealAlertmanager Alertmanager { get; }

    public VigilInstance Vigil { get; }

    public RequestSink AlertmanagerSink { get; }

    public RequestSink VigilSink { get; }

    public static async Task<SideBySide> StartAsync(Func<string, string> config)
    {
        var amSink = await RequestSink.StartAsync();
        var vigilSink = await RequestSink.StartAsync();
        var vigil = await VigilInstance.StartAsync("sqlite", config(vigilSink.BaseUrl));
        try
        {
            // The same external URL on both, so texts that link back (.ExternalURL) are the same.
            var am = await RealAlertmanager.StartAsync(config(amSink.BaseUrl), vigil.Url.TrimEnd('/'));
            return new SideBySide(am, vigil, amSink, vigilSink);
        }
        catch
        {
            await vigil.DisposeAsync();
            throw;
        }
    }

    /// <summary>Posts the same alerts (API v2 JSON) to both; both must accept them.</summary>
    public async Task PostAsync(string alertsJson)
    {
        var am = await Alertmanager.Http.PostAsync("api/v2/alerts", new StringContent(alertsJson, Encoding.UTF8, "application/json"));
        Assert.True(am.IsSuccessStatusCode, "Alertmanager refused the alerts: " + await am.Content.ReadAsStringAsync());
        var vigil = await Vigil.PostAlertsAsync(alertsJson);
        Assert.True(vigil.IsSuccessStatusCode, "Vigil refused the alerts: " + await vigil.Content.ReadAsStringAsync());
    }

    /// <summary>The first <paramref name="count"/> requests each side sent, Alertmanager's and Vigil's.</summary>
    public async Task<(IReadOnlyList<SinkRequest> Alertmanager, IReadOnlyList<SinkRequest> Vigil)> WaitForAsync(int count)
    {
        var am = await AlertmanagerSink.WaitForAsync(count);
        var vigil = await VigilSink.WaitForAsync(count);
        return (am, vigil);
    }

    public async ValueTask DisposeAsync()
    {
        await Vigil.DisposeAsync();
        Alertmanager.Dispose();
        await AlertmanagerSink.DisposeAsync();
        await VigilSink.DisposeAsync();
    }
}
