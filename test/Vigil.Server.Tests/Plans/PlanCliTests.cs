using System.Text.Json.Nodes;
using Vigil.Server.Tests.Support;
using static Vigil.Server.Tests.Plans.PlanTexts;

namespace Vigil.Server.Tests.Plans;

/// <summary><c>vigil plan validate|add|ls|show|rm</c>, run as the real executable (against a real server where they need one).</summary>
public sealed class PlanCliTests
{
    [Fact]
    public async Task Validate_Offline_PrintsOk_OrEachProblemAtItsLine_LikeAmtool()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-plan-").FullName;
        var good = Path.Combine(dir, "good.yaml");
        var typo = Path.Combine(dir, "typo.yaml");
        var stranded = Path.Combine(dir, "stranded.yaml");
        await File.WriteAllTextAsync(good, Full);
        await File.WriteAllTextAsync(typo, Replace(Full, "    timeout: 5m", "    timeout: 5x"));
        var strandedYaml = Replace(Replace(Full, "  - haproxy: ready\n", ""), "  - verify: post_boot\n", "");
        await File.WriteAllTextAsync(stranded, strandedYaml);

        var ok = await Vigil("plan", "validate", good);
        Assert.True(ok.ExitCode == 0, ok.Stdout + ok.Stderr);
        Assert.Equal($"{good}: OK", ok.Stdout.Trim());

        var bad = await Vigil("plan", "validate", typo);
        Assert.Equal(1, bad.ExitCode);
        Assert.StartsWith($"{typo}:{LineOf(Full, "timeout: 5m")}: steps[4].timeout: not a valid duration: \"5x\"", bad.Stdout, StringComparison.Ordinal);

        var both = await Vigil("plan", "validate", good, stranded, "--output", "json");
        Assert.Equal(1, both.ExitCode);
        var results = JsonNode.Parse(both.Stdout)!.AsArray();
        Assert.Equal([true, false], results.Select(r => r!["valid"]!.GetValue<bool>()));
        Assert.Equal(
            [$"{stranded}:{LineOf(strandedYaml, "haproxy: drain")}: steps[3]: the host would stay out of its pool: add '- haproxy: ready' after haproxy: drain",
             $"{stranded}:{LineOf(strandedYaml, "haproxy: maint")}: steps[5]: the host would stay out of its pool: add '- haproxy: ready' after haproxy: maint"],
            results[1]!["errors"]!.AsArray().Select(e => e!.ToString()));
    }

    [Fact]
    public async Task AddListShowRemove_AgainstARealServer_AndValidateWithServerChecksWhatItNames()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", ConfigYaml);
        var data = vigil.Options.DataDir;
        var dir = Directory.CreateTempSubdirectory("vigil-plan-").FullName;
        var file = Path.Combine(dir, "reboot.yaml");
        await File.WriteAllTextAsync(file, Full);
        var unknownProbe = Path.Combine(dir, "cart.yaml");
        await File.WriteAllTextAsync(unknownProbe, Replace(Full, "    probe: shop", "    probe: cart"));

        var offline = await Vigil("plan", "validate", unknownProbe);
        Assert.True(offline.ExitCode == 0, offline.Stdout + offline.Stderr);
        var online = await Vigil("plan", "validate", unknownProbe, "--server", "--data", data);
        Assert.Equal(1, online.ExitCode);
        Assert.Equal($"{unknownProbe}:{LineOf(Full, "probe: shop")}: steps[11].probe: no probe named \"cart\" (see probes:)", online.Stdout.Trim());

        var added = await Vigil("plan", "add", file, "--data", data);
        Assert.True(added.ExitCode == 0, added.Stderr);
        Assert.Contains("added plan reboot-lb (14 steps over pool lb)", added.Stdout, StringComparison.Ordinal);
        var again = await Vigil("plan", "add", file, "--data", data);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("409", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, (await Vigil("plan", "add", file, "--replace", "--data", data)).ExitCode);

        var list = await Vigil("plan", "ls", "--data", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("reboot-lb", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("pool lb", list.Stdout, StringComparison.Ordinal);
        var json = JsonNode.Parse((await Vigil("plan", "ls", "--output", "json", "--data", data)).Stdout)!.AsArray();
        Assert.Equal(("reboot-lb", "api", 14), (json[0]!["name"]!.ToString(), json[0]!["source"]!.ToString(), json[0]!["steps"]!.GetValue<int>()));

        var show = await Vigil("plan", "show", "reboot-lb", "--data", data);
        Assert.True(show.ExitCode == 0, show.Stderr);
        Assert.Contains("verify: probe shop", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("  - webhook: {url:", show.Stdout, StringComparison.Ordinal);

        Assert.Equal(0, (await Vigil("plan", "rm", "reboot-lb", "--data", data)).ExitCode);
        var gone = await Vigil("plan", "show", "reboot-lb", "--data", data);
        Assert.Equal(1, gone.ExitCode);
        Assert.Contains("404", gone.Stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
