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

    [Fact]
    public async Task PostmortemAndActionVerbs_PrintThePostmortemInTheZone_KeepAnEditedSection_AndTrackActionItems()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var data = vigil.Options.DataDir;
        var opened = await Vigil("incident", "open", "Site down after reboot", "--severity", "SEV1", "--output", "json", "--data", data);
        var id = JsonNode.Parse(opened.Stdout)!["id"]!.ToString();

        var add = await Vigil("action", "add", id, "verify /data after every boot", "--owner", "bob", "--due", "2026-12-15", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        var list = await Vigil("action", "ls", "--incident", id, "--open", "--output", "json", "--data", data);
        var item = JsonNode.Parse(list.Stdout)!.AsArray().Single()!;
        Assert.Equal("bob", item["owner"]!.ToString());
        var done = await Vigil("action", "done", item["id"]!.ToString(), "--data", data);
        Assert.True(done.ExitCode == 0, done.Stderr);
        var badDue = await Vigil("action", "add", id, "x", "--owner", "bob", "--due", "soon", "--data", data);
        Assert.Equal(1, badDue.ExitCode);
        Assert.Contains("due:", badDue.Stderr, StringComparison.Ordinal);

        var file = Path.Combine(data, "root-cause.md");
        await File.WriteAllTextAsync(file, "The data volume did not mount at boot.");
        var edit = await Vigil("postmortem", id, "--section", "root_cause", "--file", file, "--data", data);
        Assert.True(edit.ExitCode == 0, edit.Stderr);
        var md = await Vigil("postmortem", id, "--tz", "America/Los_Angeles", "--data", data);
        Assert.True(md.ExitCode == 0, md.Stderr);
        Assert.Contains("## Timeline (all times in America/Los_Angeles", md.Stdout, StringComparison.Ordinal);
        Assert.Contains("## Root Cause\nThe data volume did not mount at boot.\n", md.Stdout, StringComparison.Ordinal);
        Assert.Contains("- [x] verify /data after every boot — owner bob, due 2026-12-15", md.Stdout, StringComparison.Ordinal);
        var html = await Vigil("postmortem", id, "--format", "html", "--data", data);
        Assert.StartsWith("<!DOCTYPE html>", html.Stdout, StringComparison.Ordinal);
        var timeline = await Vigil("postmortem", id, "--section", "timeline", "--text", "x", "--data", data);
        Assert.Equal(1, timeline.ExitCode);
        Assert.Contains("section:", timeline.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
