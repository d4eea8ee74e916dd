using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Incidents;

/// <summary><c>vigil incident …</c>, run as the real executable against a real server.</summary>
public sealed class IncidentCliTests
{
    [Fact]
    public async Task IncidentVerbs_OpenNoteAssignUpdateResolve_AndShowPrintsTheTimeline()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var data = vigil.Options.DataDir;

        var opened = await Vigil("incident", "open", "Site down after reboot", "--severity", "SEV1", "--commander", "alice", "--output", "json", "--data", data);
        Assert.True(opened.ExitCode == 0, opened.Stderr);
        var id = JsonNode.Parse(opened.Stdout)!["id"]!.ToString();

        var note = await Vigil("incident", "note", id, "vendor ticket opened", "--data", data);
        Assert.True(note.ExitCode == 0, note.Stderr);
        var assign = await Vigil("incident", "assign", id, "communications", "bob", "--data", data);
        Assert.True(assign.ExitCode == 0, assign.Stderr);
        Assert.Contains("communications is bob", assign.Stdout, StringComparison.Ordinal);
        var update = await Vigil("incident", "update", id, "--status", "identified", "--root-cause", "data volume not mounted", "--data", data);
        Assert.True(update.ExitCode == 0, update.Stderr);
        var badTime = await Vigil("incident", "update", id, "--time", "mitigatedAt=1999-01-01T00:00:00Z", "--time", "impactStartedAt=2000-01-01T00:00:00Z", "--data", data);
        Assert.Equal(1, badTime.ExitCode);
        Assert.Contains("400 Bad Request: times.", badTime.Stderr, StringComparison.Ordinal);
        var resolve = await Vigil("incident", "resolve", id, "--data", data);
        Assert.True(resolve.ExitCode == 0, resolve.Stderr);

        var show = await Vigil("incident", "show", id, "--data", data);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("vendor ticket opened", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("communications: bob", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("resolved", show.Stdout, StringComparison.Ordinal);

        var list = await Vigil("incident", "ls", "--status", "resolved", "--output", "json", "--data", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal("data volume not mounted", JsonNode.Parse(list.Stdout)!.AsArray().Single()!["rootCause"]!.ToString());

        var missing = await Vigil("incident", "show", "999", "--data", data);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("404", missing.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
