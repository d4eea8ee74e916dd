using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
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
        // Node b says ready once it listens for other nodes' changes: a change before that reaches its pages only as the
        // refresh it sends when it starts listening (the next test), not as the notice this one is about.
        await WaitReadyAsync(b);
        using var browser = await SignedInBrowserAsync(a);
        using var reader = await OpenStreamAsync(browser, b, "incidents");

        await IncidentClient.OpenAsync(a);

        Assert.Equal("data: incidents", await NextChangeAsync(reader));
    }

    [Fact]
    public async Task WhenANodeListensAgainAfterItsConnectionBroke_ThePagesOpenOnItFetchAgain()
    {
        var postgres = await PostgresTestDatabase.CreateAsync();
        await using var a = await VigilInstance.StartNodeAsync(postgres, "node-a", ClusterConfigs.WithSchedules());
        await WaitReadyAsync(a);
        using var browser = await SignedInBrowserAsync(a);
        using var reader = await OpenStreamAsync(browser, a, "incidents,plans");

        // The connection that listens for other nodes' notices is cut: whatever they change until it is back goes unheard.
        await using (var admin = new NpgsqlConnection(Environment.GetEnvironmentVariable("VIGIL_TEST_POSTGRES")))
        {
            await admin.OpenAsync();
            await using var cut = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @db AND query LIKE 'LISTEN %'", admin);
            cut.Parameters.AddWithValue("db", new NpgsqlConnectionStringBuilder(postgres).Database!);
            Assert.Equal(1L, await cut.ExecuteScalarAsync());
        }

        Assert.Equal("data: incidents plans", await NextChangeAsync(reader));
    }

    private static async Task WaitReadyAsync(VigilInstance node) =>
        await Eventually.GetAsync(async () => JsonNode.Parse(await node.Http.GetStringAsync("api/v2/status"))!["cluster"]!["status"]!.ToString(),
            s => s == "ready", TimeSpan.FromSeconds(30));

    /// <summary>Opens the page's live stream (<c>/ui/events</c>) on <paramref name="node"/> for <paramref name="topics"/>.</summary>
    private static async Task<StreamReader> OpenStreamAsync(HttpClient browser, VigilInstance node, string topics)
    {
        var stream = await browser.GetAsync(new Uri(new Uri(node.Url), $"/ui/events?topics={topics}"), HttpCompletionOption.ResponseHeadersRead,
            TestContext.Current.CancellationToken);
        var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Equal("retry: 2000", await reader.ReadLineAsync(TestContext.Current.CancellationToken));
        return reader;
    }

    /// <summary>The <c>data:</c> line of the stream's next change event, within 30 s.</summary>
    private static async Task<string?> NextChangeAsync(StreamReader reader)
    {
        using var waited = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        waited.CancelAfter(TimeSpan.FromSeconds(30));
        string? line;
        while ((line = await reader.ReadLineAsync(waited.Token)) is not null && !line.StartsWith("data: ", StringComparison.Ordinal))
        {
        }
        return line;
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
