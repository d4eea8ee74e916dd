using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Config;

/// <summary><c>vigil config check</c>, run as the real executable, beside the real <c>amtool check-config</c> (0.25).</summary>
public sealed class ConfigCheckCliTests
{
    private const string Amtool = "/usr/bin/amtool";

    private const string AlertmanagerOnly = """
        route:
          receiver: ops
          routes:
            - matchers: ['severity="critical"']
              receiver: pager
        receivers:
          - name: ops
          - name: pager
            webhook_configs:
              - url: http://127.0.0.1:5001/
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [alertname]
        templates:
          - 'tmpl/*.tmpl'
        """;

    private const string WithVigilSections = """
        global:
          resolve_timeout: 5m
        route:
          receiver: ops
        receivers:
          - name: ops
        templates:
          - 'tmpl/*.tmpl'
        server:
          durability: process_crash
        silences:
          max_duration: 24h
        people:
          - name: alice
          - name: bob
        teams:
          - {name: sre, members: [alice, bob]}
        probes:
          - name: shop-home
            http:
              url: https://shop.example.com/
        heartbeats:
          - name: nightly-backup
            uuid: 0f8fad5b-d9cb-469f-a165-70867728950e
            cron: "30 2 * * *"
        """;

    [Fact]
    public async Task Check_GoodFile_PrintsSuccessAndWhatItHolds_AndExits0()
    {
        var file = WriteConfig(WithVigilSections, "{{ define \"team.title\" }}{{ .Status }}{{ end }}");

        var check = await Vigil("config", "check", file);

        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        Assert.Equal(
            $"""
            Checking '{file}'  SUCCESS
            Found:
             - global config
             - route
             - 0 inhibit rules
             - 1 receivers
             - 2 people
             - 1 teams
             - 1 probes
             - 1 heartbeats
             - Vigil settings: server, silences
             - 1 templates
              SUCCESS


            """,
            check.Stdout);
        Assert.Equal("", check.Stderr);
    }

    [Fact]
    public async Task Check_FileWithAMisspelledKey_FailsNamingFileLineAndKey_AndExits1()
    {
        var file = WriteConfig(WithVigilSections.Replace("  resolve_timeout: 5m", "  resolve_timout: 5m", StringComparison.Ordinal), null);

        var check = await Vigil("config", "check", file);

        Assert.Equal(1, check.ExitCode);
        Assert.Equal($"Checking '{file}'  FAILED: {file}:2: global.resolve_timout: unknown key\n\n", check.Stdout);
        Assert.Equal("vigil: error: failed to validate 1 file(s)\n", check.Stderr);
    }

    [Fact]
    public async Task Check_TwoFilesOneBad_ReportsBoth_AndExits1()
    {
        var good = WriteConfig(AlertmanagerOnly, null);
        var bad = WriteConfig(AlertmanagerOnly.Replace("receiver: pager", "receiver: pagr", StringComparison.Ordinal), null);

        var check = await Vigil("config", "check", good, bad);

        Assert.Equal(1, check.ExitCode);
        Assert.StartsWith($"Checking '{good}'  SUCCESS\nFound:\n", check.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"\nChecking '{bad}'  FAILED: {bad}:5: route.routes[0].receiver: undefined receiver \"pagr\" used in route\n\n",
            check.Stdout, StringComparison.Ordinal);
        Assert.Equal("vigil: error: failed to validate 1 file(s)\n", check.Stderr);
    }

    [Fact]
    public async Task Check_AlertmanagerOnlyFile_PrintsWhatAmtoolCheckConfigPrints()
    {
        ExternalTool.Require(Amtool);
        var file = WriteConfig(AlertmanagerOnly, "{{ define \"team.title\" }}{{ .Status }}{{ end }}");

        var vigil = await Vigil("config", "check", file);
        var amtool = await ExternalTool.RunAsync(Amtool, "check-config", file);

        Assert.True(amtool.ExitCode == 0, amtool.Stdout + amtool.Stderr);
        Assert.Equal(0, vigil.ExitCode);
        Assert.Equal(amtool.Stdout, vigil.Stdout);
        Assert.Contains(" - 2 receivers\n - 1 templates\n  SUCCESS\n", vigil.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TemplatesGlob_IsResolvedBesideTheFile_SoABrokenTemplateThereFailsBoth()
    {
        ExternalTool.Require(Amtool);
        // The test runs in the build folder: only a glob resolved against the file's folder finds the broken template.
        var file = WriteConfig(AlertmanagerOnly, "a\n{{ define \"x\" }}\n{{ }}\n{{ end }}\n");

        var vigil = await Vigil("config", "check", file);
        var amtool = await ExternalTool.RunAsync(Amtool, "check-config", file);

        Assert.Equal(1, amtool.ExitCode);
        Assert.Contains("FAILED: template: team.tmpl:3: missing value for command", amtool.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, vigil.ExitCode);
        Assert.Equal($"Checking '{file}'  FAILED: {file}:16: templates: template: team.tmpl:3: missing value for command\n\n", vigil.Stdout);
    }

    /// <summary>Writes the configuration, and <paramref name="template"/> as <c>tmpl/team.tmpl</c> beside it, in a new folder.</summary>
    private static string WriteConfig(string yaml, string? template)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-config-check-").FullName;
        if (template is not null)
        {
            Directory.CreateDirectory(Path.Combine(dir, "tmpl"));
            File.WriteAllText(Path.Combine(dir, "tmpl", "team.tmpl"), template);
        }
        var path = Path.Combine(dir, "alertmanager.yml");
        File.WriteAllText(path, yaml + "\n");
        return path;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Vigil(params string[] args) =>
        ExternalTool.RunAsync("dotnet", [VigilProcess.VigilDll, .. args]);
}
