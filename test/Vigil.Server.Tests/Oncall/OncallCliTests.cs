using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Oncall;

/// <summary><c>vigil oncall</c>, run as the real executable against a real server.</summary>
public sealed class OncallCliTests
{
    [Fact]
    public async Task Now_Shifts_Gaps_And_Overrides()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", OnCallConfigs.Schedules());
        var data = vigil.Options.DataDir;

        var now = await Vigil("oncall", "now", "--schedule", "la", "--at", "2027-01-02T18:00:00Z", "--data", data);
        Assert.True(now.ExitCode == 0, now.Stderr);
        Assert.Contains("bob", now.Stdout, StringComparison.Ordinal);

        var shifts = await Vigil("oncall", "shifts", "--schedule", "la", "--from", "2027-03-13T17:00:00Z", "--to", "2027-03-15T16:00:00Z",
            "--zone", "America/Los_Angeles", "--data", data);
        Assert.True(shifts.ExitCode == 0, shifts.Stderr);
        Assert.Contains("2 shift(s) in la, times in America/Los_Angeles", shifts.Stdout, StringComparison.Ordinal);
        Assert.Contains("2027-03-14T09:00:00-07:00", shifts.Stdout, StringComparison.Ordinal);

        var gaps = await Vigil("oncall", "gaps", "--schedule", "berlin", "--schedule", "la", "--from", "2027-03-12T12:00:00Z", "--to", "2027-03-13T12:00:00Z", "--data", data);
        Assert.True(gaps.ExitCode == 0, gaps.Stderr);
        Assert.Contains("berlin: 1 gap(s), 4h uncovered", gaps.Stdout, StringComparison.Ordinal);
        Assert.Contains("  nobody 02:00–06:00 Sat 2027-03-13 (Europe/Berlin)", gaps.Stdout, StringComparison.Ordinal);
        Assert.Contains("la: covered from 2027-03-12T12:00:00Z to 2027-03-13T12:00:00Z", gaps.Stdout, StringComparison.Ordinal);

        var add = await Vigil("oncall", "override", "add", "--schedule", "berlin", "--person", "carol", "--from", "2027-03-13T01:00:00Z",
            "--to", "2027-03-13T05:00:00Z", "--note", "cover the night", "--output", "json", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        var id = JsonNode.Parse(add.Stdout)!["id"]!.ToString();
        var covered = await Vigil("oncall", "gaps", "--schedule", "berlin", "--from", "2027-03-12T12:00:00Z", "--to", "2027-03-13T12:00:00Z", "--data", data);
        Assert.Contains("berlin: covered", covered.Stdout, StringComparison.Ordinal);
        var ls = await Vigil("oncall", "override", "ls", "--schedule", "berlin", "--output", "json", "--data", data);
        Assert.Contains(id, ls.Stdout, StringComparison.Ordinal);
        var rm = await Vigil("oncall", "override", "rm", "--schedule", "berlin", id, "--data", data);
        Assert.True(rm.ExitCode == 0, rm.Stderr);

        var unknown = await Vigil("oncall", "shifts", "--schedule", "nope", "--data", data);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("404 Not Found: no schedule nope", unknown.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
