using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.EndToEnd;

/// <summary>
/// The real <c>vigil server</c> executable, as a user runs it, on each engine: an alert in through the Alertmanager
/// API, out by email (a real SMTP server) and webhook (with a bearer secret) through the Go templates, back through a
/// real amtool, a sign-in to the UI and its alerts page, and the configuration shown without its secrets. test.sh runs
/// this a second time against the installed layout (<see cref="VigilProcess.Installed"/>), where the framework is
/// trimmed: every part above that finds code by reflection (JSON, YAML, Razor components, the mail library, the
/// database drivers) runs there.
/// </summary>
public sealed partial class ServerProcessTests
{
    private const string WebhookSecret = "hook-secret-6f1c2a";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AnAlertPosted_IsMailedAndPosted_ShownToAmtool_WithTheUiServed_AndNoSecretInTheConfigShown(string engine)
    {
        ExternalTool.Require("/usr/bin/amtool");
        await using var smtp = await SmtpSink.StartAsync();
        await using var hook = await WebhookCollector.StartAsync();
        var dir = Directory.CreateTempSubdirectory("vigil-process-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, $$$"""
            global:
              smtp_smarthost: 127.0.0.1:{{{smtp.Port}}}
              smtp_from: alerts@example.com
              smtp_require_tls: false
            route:
              receiver: ops
              group_by: [alertname]
              group_wait: 0s
            receivers:
              - name: ops
                email_configs:
                  - to: ops@example.com
                    headers:
                      subject: '{{ .Status | toUpper }}: {{ .CommonLabels.alertname }} on {{ .CommonLabels.host }}'
                webhook_configs:
                  - url: {{{hook.Url}}}
                    http_config:
                      authorization:
                        credentials: {{{WebhookSecret}}}
            """);
        var postgres = engine == "postgres" ? await PostgresTestDatabase.CreateAsync() : null;
        await using var vigil = await VigilProcess.StartAsync(Path.Combine(dir, "data"), config, postgres);
        using var http = vigil.CreateClient();

        using (var posted = await http.PostAsync("api/v2/alerts", new StringContent(
            """[{"labels":{"alertname":"DiskFull","host":"db-1"},"annotations":{"summary":"/data at 97%"}}]""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        var mail = (await smtp.WaitForAsync(1))[0];
        Assert.Contains("Subject: FIRING: DiskFull on db-1", mail, StringComparison.Ordinal);
        Assert.Contains("ops@example.com", mail, StringComparison.Ordinal);
        var posts = await hook.WaitForAsync(1);
        Assert.Equal("firing", posts[0].Body["status"]!.ToString());
        Assert.Equal($"Bearer {WebhookSecret}", posts[0].Authorization);
        Assert.Equal("/data at 97%", posts[0].Body["alerts"]![0]!["annotations"]!["summary"]!.ToString());

        var amtoolConfig = Path.Combine(dir, "amtool-http.yml");
        await File.WriteAllTextAsync(amtoolConfig, $"authorization: {{type: Bearer, credentials: {vigil.Token}}}\n");
        var query = await ExternalTool.RunAsync("/usr/bin/amtool", "--alertmanager.url=" + vigil.Url, "--http.config.file=" + amtoolConfig, "-o", "extended", "alert", "query");
        Assert.True(query.ExitCode == 0, query.Stderr);
        Assert.Contains("alertname=\"DiskFull\"", query.Stdout, StringComparison.Ordinal);
        Assert.Contains("host=\"db-1\"", query.Stdout, StringComparison.Ordinal);

        var shown = await ExternalTool.RunAsync("/usr/bin/amtool", "--alertmanager.url=" + vigil.Url, "--http.config.file=" + amtoolConfig, "config", "show");
        Assert.True(shown.ExitCode == 0, shown.Stderr);
        Assert.Contains("credentials: <secret>", shown.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, shown.Stdout, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = http.BaseAddress };
        var signIn = await browser.GetStringAsync("ui/login");
        var antiforgery = AntiforgeryField().Match(signIn).Groups[1].Value;
        using (var signedIn = await browser.PostAsync("ui/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-token",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
            ["Return"] = "/ui/alerts",
            ["Token"] = vigil.Token,
        })))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }
        var alertsPage = await browser.GetStringAsync("ui/alerts");
        Assert.Contains("Sign out", alertsPage, StringComparison.Ordinal);
        Assert.Contains("DiskFull", alertsPage, StringComparison.Ordinal);
        Assert.Contains("db-1", alertsPage, StringComparison.Ordinal);
    }

    /// <summary>
    /// The methods the runtime itself calls into (its start, casts, statics, delegates, exceptions) run precompiled, not
    /// compiled by the JIT's unoptimized first tier at every start. In the installed layout they are in the composite
    /// image only because the trimmed framework assemblies lose their "trimmable" mark (src/Vigil/CompileWhole.LinkAttributes.xml):
    /// with it crossgen2 compiles only what their public code reaches, and every start JIT-compiled ~250 more methods
    /// at Tier0, running casts and static reads unoptimized until they were compiled again.
    /// </summary>
    [Fact]
    public async Task TheRuntimesOwnEntryPoints_RunPrecompiled_NotCompiledByTheJitAtStart()
    {
        var (dir, config) = await MinimalConfigAsync();
        var jitted = Path.Combine(dir, "jit.txt");
        await using var vigil = await VigilProcess.StartAsync(Path.Combine(dir, "data"), config, null,
            new Dictionary<string, string> { ["DOTNET_JitStdOutFile"] = jitted, ["DOTNET_JitDisasmSummary"] = "1" });
        using (var http = vigil.CreateClient())
        {
            Assert.Equal("[]", (await http.GetStringAsync("api/v2/alerts")).Trim());
        }
        Assert.Equal(0, await vigil.StopAsync());

        var compiled = await File.ReadAllLinesAsync(jitted);
        Assert.Contains(compiled, l => l.Contains("Tier0", StringComparison.Ordinal));
        string[] runtimeEntryPoints = ["System.AppContext:Setup(", "CastHelpers:ChkCastClass(", "CastHelpers:StelemRef(", "StaticsHelpers:GetGCStaticBase(", "System.String:Ctor("];
        var atTier0 = compiled.Where(l => l.Contains("[Tier0", StringComparison.Ordinal) && runtimeEntryPoints.Any(m => l.Contains(m, StringComparison.Ordinal))).ToList();
        Assert.True(atTier0.Count == 0, "compiled by the JIT at start:\n" + string.Join('\n', atTier0));
    }

    /// <summary>
    /// SIGTERM lets the server finish stopping, however long that takes: its last checkpoint is written (a restart then
    /// replays nothing) and it exits 0. The command-line parser used to end the process 2 s after the signal with exit
    /// code 143 (a failure to systemd), cutting the checkpoint short; here another program holds the database's write
    /// lock for 3 s when the signal comes, as a backup might.
    /// </summary>
    [Fact]
    public async Task ASigtermedServer_WritesItsLastCheckpoint_AndExitsZero_EvenWhenStoppingTakesLongerThanTwoSeconds()
    {
        var (dir, config) = await MinimalConfigAsync();
        var data = Path.Combine(dir, "data");
        await using var vigil = await VigilProcess.StartAsync(data, config, null);
        var database = $"Data Source={Path.Combine(data, "vigil.db")};Pooling=False";
        await using var holder = new SqliteConnection(database);
        await holder.OpenAsync();
        using (var http = vigil.CreateClient())
        {
            // The lock is taken while the ingest log still holds an alert, so the last checkpoint has to wait for it. (A
            // periodic checkpoint may just have emptied the log: then another alert, and the lock again.)
            for (var i = 0; ; i++)
            {
                using (var posted = await http.PostAsync("api/v2/alerts", new StringContent(
                    $$$"""[{"labels":{"alertname":"DiskFull","host":"db-{{{i}}}"}}]""", Encoding.UTF8, "application/json")))
                {
                    Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
                }
                await Execute(holder, "BEGIN IMMEDIATE");
                if (await CountLoggedAsync(holder) > 0)
                {
                    break;
                }
                await Execute(holder, "ROLLBACK");
                Assert.True(i < 5, "the ingest log was empty every time");
            }
        }
        var held = Stopwatch.StartNew();
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await Execute(holder, "ROLLBACK");
        });

        var exitCode = await vigil.StopAsync();
        await release;

        Assert.Equal(0, exitCode);
        Assert.True(held.Elapsed >= TimeSpan.FromSeconds(3), $"stopped after {held.Elapsed.TotalSeconds:F1} s, with the lock still held");
        await using var reader = new SqliteConnection(database);
        await reader.OpenAsync();
        Assert.Equal(0L, await CountLoggedAsync(reader));
    }

    private static async Task<long> CountLoggedAsync(SqliteConnection connection)
    {
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM ingest_log";
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>A temporary folder with a configuration of one receiver and nothing else.</summary>
    private static async Task<(string Dir, string Config)> MinimalConfigAsync()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-process-").FullName;
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, "route:\n  receiver: ops\nreceivers:\n  - name: ops\n");
        return (dir, config);
    }

        private static async Task Execute(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
