using System.Net;
using System.Text.RegularExpressions;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cluster;

/// <summary>
/// Behind a load balancer without sticky sessions each UI request may reach another node: the keys that sign sessions
/// and anti-forgery tokens are shared through the database, so a sign-in on one node holds on the others.
/// </summary>
public sealed partial class UiSessionAcrossNodesTests
{
    [Fact]
    public async Task ASignInOnNodeA_IsASignedInSessionOnNodeB()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await using var b = await VigilInstance.StartNodeAsync(postgres, "node-b", ClusterConfigs.WithSchedules(), a);
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        var ct = TestContext.Current.CancellationToken;

        var login = await browser.GetStringAsync(new Uri(new Uri(a.Url), "/ui/login"), ct);
        var antiforgery = AntiforgeryField().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-token",
            ["__RequestVerificationToken"] = antiforgery,
            ["Return"] = "/ui",
            ["Token"] = a.AdminToken,
        });
        using var signIn = await browser.PostAsync(new Uri(new Uri(a.Url), "/ui/login"), form, ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        // Cookies are per host, not per port: the browser sends node a's session to node b.
        using var onB = await browser.GetAsync(new Uri(new Uri(b.Url), "/ui"), ct);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("Sign out", await onB.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
