using Vigil.Server.Config;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Config;

/// <summary>The configuration <c>vigil server</c> runs without <c>--config</c>: what the real tools say about it.</summary>
public sealed class BuiltInExampleTests
{
    [Fact]
    public async Task BuiltInExample_AlertmanagerPart_PassesAmtoolCheckConfig()
    {
        var amtool = ExternalTool.Require("/usr/bin/amtool");
        // What GET /api/v2/status shows as config.original, the part amtool's own parser reads.
        var file = Write(ConfigLoader.LoadBuiltInExample().AlertmanagerRedacted);

        var check = await ExternalTool.RunAsync(amtool, "check-config", file);

        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.Contains(" - 1 receivers\n", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltInExample_WrittenToAFile_PassesVigilConfigCheck_WithItsOwnSections()
    {
        var file = Write(ConfigLoader.LoadBuiltInExample().Original);

        var check = await ExternalTool.RunAsync("dotnet", VigilProcess.VigilDll, "config", "check", file);

        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.StartsWith($"Checking '{file}'  SUCCESS\n", check.Stdout, StringComparison.Ordinal);
        Assert.Contains(" - 1 receivers\n - 2 people\n - 1 pools\n - 1 plans\n - Vigil settings: server\n - 0 templates\n", check.Stdout, StringComparison.Ordinal);
    }

    private static string Write(string yaml)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vigil-example-").FullName, "vigil.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }
}
