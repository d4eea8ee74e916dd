using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Compatibility;

/// <summary>The real amtool's silence verbs against Vigil: add, query, update, expire, import, and Vigil's guardrails.</summary>
public sealed class AmtoolSilenceTests
{
    private const string Amtool = "/usr/bin/amtool";

    [Fact]
    public async Task AmtoolSilenceVerbs_WorkAgainstVigil_AndAreAudited()
    {
        ExternalTool.Require(Amtool);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var http = await AmtoolTests.WriteHttpConfigAsync(vigil);
        Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) =>
            ExternalTool.RunAsync(Amtool, ["--alertmanager.url=" + vigil.Url, "--http.config.file=" + http, .. args]);

        var add = await Run("silence", "add", "alertname=Foo", "--duration", "2h", "--comment", "x", "--author", "alice");
        Assert.True(add.ExitCode == 0, add.Stderr);
        var id = add.Stdout.Trim();
        Assert.True(Guid.TryParse(id, out _), add.Stdout);

        var query = await Run("silence", "query");
        Assert.Contains(id, query.Stdout, StringComparison.Ordinal);
        Assert.Contains("alertname=\"Foo\"", query.Stdout, StringComparison.Ordinal);

        var update = await Run("silence", "update", id, "--comment", "y");
        Assert.True(update.ExitCode == 0, update.Stderr);
        Assert.Equal("y", JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{id}"))!["comment"]!.ToString());

        var json = await Run("silence", "query", "-o", "json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        var exported = Path.Combine(vigil.Options.WorkingDirectory, "silences.json");
        await File.WriteAllTextAsync(exported, json.Stdout);

        var expire = await Run("silence", "expire", id);
        Assert.True(expire.ExitCode == 0, expire.Stderr);
        Assert.DoesNotContain(id, (await Run("silence", "query")).Stdout, StringComparison.Ordinal);
        Assert.Contains(id, (await Run("silence", "query", "--expired")).Stdout, StringComparison.Ordinal);

        // Importing the export re-creates it (the old one expired, so a new id is issued, as in Alertmanager).
        var import = await Run("silence", "import", exported);
        Assert.True(import.ExitCode == 0, import.Stderr);
        var imported = import.Stdout.Trim();
        Assert.NotEqual(id, imported);
        Assert.Equal("active", JsonNode.Parse(await vigil.Http.GetStringAsync($"api/v2/silence/{imported}"))!["status"]!["state"]!.ToString());

        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=silence"))!.AsArray();
        Assert.Equal(["create", "expire", "update", "create"], audit.Select(e => e!["action"]!.ToString()));
        Assert.All(audit, e => Assert.Equal("admin", e!["actor"]!.ToString()));
    }

    [Fact]
    public async Task AmtoolSilenceAdd_BeyondMaxDuration_IsRefusedWithAClearMessage()
    {
        ExternalTool.Require(Amtool);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var http = await AmtoolTests.WriteHttpConfigAsync(vigil);
        var add = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http,
            "silence", "add", "alertname=Foo", "--duration", "72h", "--comment", "x");
        Assert.NotEqual(0, add.ExitCode);
        // The length shown is from the server's now (a start in the past becomes now), so on a slow machine it is
        // "71h59m58s" rather than "72h": only the rule's own words are certain.
        Assert.Contains("after startsAt, more than silences.max_duration (24h); every silence must end", add.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alertname=~.*", "at least one matcher must not match the empty string")]
    [InlineData("alertname=~.+", "match every alert")]
    public async Task AmtoolBlanketSilence_IsRefused(string matcher, string expected)
    {
        ExternalTool.Require(Amtool);
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var http = await AmtoolTests.WriteHttpConfigAsync(vigil);
        var add = await ExternalTool.RunAsync(Amtool, "--alertmanager.url=" + vigil.Url, "--http.config.file=" + http,
            "silence", "add", matcher, "--comment", "x");
        Assert.NotEqual(0, add.ExitCode);
        Assert.Contains(expected, add.Stderr, StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/silences"))!.AsArray());
    }
}
