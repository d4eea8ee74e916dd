using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Maintenance;

/// <summary><c>vigil maint</c>, run as the real executable against a real server.</summary>
public sealed class MaintCliTests
{
    [Fact]
    public async Task MaintAdd_Ls_Show_Done_End()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var data = vigil.Options.DataDir;

        var add = await Vigil("maint", "add", "--target", "host=\"lb-1\"", "--expect", "alertname=~\"HostDown|HostRebooting\"",
            "--duration", "2h", "--watcher", "alice", "--backup", "bob", "--announcement", "patching lb-1", "--output", "json", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        var id = JsonNode.Parse(add.Stdout)!["id"]!.ToString();

        var ls = await Vigil("maint", "ls", "--state", "active", "--data", data);
        Assert.True(ls.ExitCode == 0, ls.Stderr);
        Assert.Contains("1 window(s)", ls.Stdout, StringComparison.Ordinal);
        var json = await Vigil("maint", "ls", "--output", "json", "--data", data);
        Assert.Equal([id], JsonNode.Parse(json.Stdout)!.AsArray().Select(w => w!["id"]!.ToString()));

        var done = await Vigil("maint", "done", id, "--data", data);
        Assert.True(done.ExitCode == 0, done.Stderr);
        var end = await Vigil("maint", "end", id, "--data", data);
        Assert.True(end.ExitCode == 0, end.Stderr);
        Assert.Contains($"ended maintenance window {id}: ended", end.Stdout, StringComparison.Ordinal);

        var show = await Vigil("maint", "show", id, "--data", data);
        Assert.True(show.ExitCode == 0, show.Stderr);
        var shown = JsonNode.Parse(show.Stdout)!;
        Assert.Equal("ended", shown["state"]!.ToString());
        Assert.NotNull(shown["doneAt"]);
        Assert.Contains("ended", shown["events"]!.AsArray().Select(e => e!["kind"]!.ToString()));
    }

    [Fact]
    public async Task MaintAdd_WithoutWatcherOrWithBadInput_Fails()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var missing = await Vigil("maint", "add", "--target", "host=\"lb-1\"", "--expect", "alertname=\"HostDown\"", "--duration", "1h", "--backup", "bob", "--data", vigil.Options.DataDir);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("--watcher", missing.Stderr + missing.Stdout, StringComparison.Ordinal);

        var tooLong = await Vigil("maint", "add", "--target", "host=\"lb-1\"", "--expect", "alertname=\"HostDown\"", "--duration", "1d",
            "--watcher", "alice", "--backup", "bob", "--data", vigil.Options.DataDir);
        Assert.Equal(1, tooLong.ExitCode);
        Assert.Contains("400 Bad Request: duration:", tooLong.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaintAdd_WatcherNotOnCall_FailsListingTheGap_AndWithAssign_PutsThemOnTheRota()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 1, 3, 0, 0, 0, TimeSpan.Zero));
        await using var vigil = await VigilInstance.StartAsync("sqlite", Oncall.OnCallConfigs.Schedules(), clock);
        var data = vigil.Options.DataDir;
        string[] add = ["maint", "add", "--target", "host=\"lb-1\"", "--expect", "alertname=\"HostDown\"", "--start", "2027-01-04T15:00:00Z",
            "--duration", "4h", "--watcher", "alice", "--backup", "bob", "--schedule", "la", "--data", data];

        var refused = await Vigil(add);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("409", refused.Stderr, StringComparison.Ordinal);
        Assert.Contains("2027-01-04T15:00:00Z–2027-01-04T17:00:00Z (2027-01-04T07:00:00-08:00–2027-01-04T09:00:00-08:00 America/Los_Angeles)",
            refused.Stderr, StringComparison.Ordinal);

        var assigned = await Vigil([.. add, "--assign"]);
        Assert.True(assigned.ExitCode == 0, assigned.Stderr);
        Assert.Contains("put alice on call in schedule la: 2027-01-04T15:00:00Z – 2027-01-04T17:00:00Z", assigned.Stdout, StringComparison.Ordinal);

        var shifts = await Vigil("oncall", "shifts", "--schedule", "la", "--from", "2027-01-04T15:00:00Z", "--to", "2027-01-04T19:00:00Z",
            "--output", "json", "--data", data);
        Assert.True(shifts.ExitCode == 0, shifts.Stderr);
        var people = JsonNode.Parse(shifts.Stdout)!["shifts"]!.AsArray().Select(s => s!["person"]!.ToString()).Distinct();
        Assert.Equal(["alice"], people);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
