using System.Net;
using System.Text.RegularExpressions;
using Vigil.Server.Tests.Incidents;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>
/// The web UI behind a load balancer without sticky sessions, where each request may reach another node: the keys that
/// sign sessions are shared through the database, and a change made through one node reaches pages open on another.
/// </summary>
public sealed partial class UiSessionAcrossNodesTests
{
    [Fact]
    public async Task ASignInOnNodeA_IsASignedInSessionOnNodeB()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        using var browser = await SignedInBrowserAsync(a);

        // Cookies are per host, not per port: the browser sends node a's session to node b.
        using var onB = await browser.GetAsync(new Uri(new Uri(b.Url), "/ui"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("Sign out", await onB.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIncidentOpenedThroughNodeA_ReachesTheLiveStreamOfAPageOpenOnNodeB()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        using var browser = await SignedInBrowserAsync(a);
        using var stream = await browser.GetAsync(new Uri(new Uri(b.Url), "/ui/events?topics=incidents"), HttpCompletionOption.ResponseHeadersRead,
            TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Equal("retry: 2000", await reader.ReadLineAsync(TestContext.Current.CancellationToken));

        await IncidentClient.OpenAsync(a);

        using var waited = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        waited.CancelAfter(TimeSpan.FromSeconds(30));
        string? line;
        while ((line = await reader.ReadLineAsync(waited.Token)) is not null && line != "data: incidents")
        {
        }
        Assert.Equal("data: incidents", line);
    }

    /// <summary>Signs in through node <paramref name="node"/>'s sign-in form with its admin token, as a browser does.</summary>
    private static async Task<HttpClient> SignedInBrowserAsync(VigilInstance node)
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        var ct = TestContext.Current.CancellationToken;
        var login = await browser.GetStringAsync(new Uri(new Uri(node.Url), "/ui/login"), ct);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-token",
            ["__RequestVerificationToken"] = AntiforgeryField().Match(login).Groups[1].Value,
            ["Return"] = "/ui",
            ["Token"] = node.AdminToken,
        });
        using var signIn = await browser.PostAsync(new Uri(new Uri(node.Url), "/ui/login"), form, ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
