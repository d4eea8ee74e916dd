using System.Net;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.AlertmanagerApi;

public sealed class StatusTests
{
    [Fact]
    public async Task Status_ShowsTheLoadedConfigText_AndClusteringDisabled()
    {
        var yaml = Configs.Minimal;
        await using var vigil = await VigilInstance.StartAsync("sqlite", yaml);
        var status = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/status"))!;
        Assert.Equal(yaml, status["config"]!["original"]!.ToString());
        Assert.Equal("disabled", status["cluster"]!["status"]!.ToString());
        Assert.NotNull(status["versionInfo"]!["version"]);
        var receivers = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v2/receivers"))!.AsArray();
        Assert.Equal("none", Assert.Single(receivers)!["name"]!.ToString());
    }

    [Fact]
    public async Task Reload_SwapsAValidConfig_AndKeepsTheOldOneOnError()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await File.WriteAllTextAsync(vigil.Options.ConfigPath!, "route:\n  receiver: other\nreceivers:\n  - name: other\n");
        Assert.Equal(HttpStatusCode.OK, (await vigil.Http.PostAsync("-/reload", null)).StatusCode);
        Assert.Contains("other", await vigil.Http.GetStringAsync("api/v2/receivers"), StringComparison.Ordinal);

        await File.WriteAllTextAsync(vigil.Options.ConfigPath!, "route:\n  receiver: other\n  group_wait: 5x\nreceivers:\n  - name: other\n");
        var failed = await vigil.Http.PostAsync("-/reload", null);
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var detail = JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["detail"]!.ToString();
        Assert.Contains(":3:", detail, StringComparison.Ordinal);
        Assert.Contains("group_wait", detail, StringComparison.Ordinal);
        Assert.Contains("other", await vigil.Http.GetStringAsync("api/v2/receivers"), StringComparison.Ordinal);
    }
}
