using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using Vigil.Cli;
using Vigil.Server.Hosting;
using Vigil.Server.Security;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cli;

/// <summary>
/// The installed <c>vigil</c> (src/Vigil.Cli; native when published, run here from its ordinary build, same code):
/// answers the client verbs itself, hands every other verb to <c>vigil-server</c> beside it.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class NativeClientTests : IDisposable
{
    private static readonly string BuildDir = typeof(NativeClientTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "VigilCliDir").Value!;

    private readonly List<string> _installs = [];

    public void Dispose()
    {
        foreach (var dir in _installs)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Alerts_IsAnsweredByTheClientItself_WithNoVigilServerBesideIt()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        var install = Install(vigilServer: null);
        var data = vigil.Options.DataDir;

        var add = await Run(install, "alerts", "add", "DiskFull", "host=db-1", "--annotation", "summary=disk full", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        var list = await Run(install, "alerts", "--output", "json", "--data", data);

        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Equal("DiskFull", Assert.Single(JsonNode.Parse(list.Stdout)!.AsArray())!["labels"]!["alertname"]!.ToString());
    }

    [Fact]
    public async Task Version_IsAnsweredByTheClientItself()
    {
        var result = await Run(Install(vigilServer: null), "--version");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(typeof(VigilCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion, result.Stdout.Trim());
    }

    [Theory]
    [InlineData("server", "--listen", "127.0.0.1:0")]
    [InlineData("--help")]
    [InlineData("drill", "run", "builtin:seed-2020-05-10")]
    public async Task OtherVerbs_AreHandedToVigilServerBesideIt_WithTheSameArgumentsAndExitCode(params string[] args)
    {
        var install = Install(vigilServer: "#!/bin/sh\necho \"vigil-server got: $*\"\nexit 7\n");

        var result = await Run(install, args);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal($"vigil-server got: {string.Join(' ', args)}", result.Stdout.Trim());
    }

    [Fact]
    public async Task AServerVerb_WithNoVigilServerBesideIt_SaysHowToInstallBoth()
    {
        var result = await Run(Install(vigilServer: null), "server");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'server' is run by vigil-server", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("dotnet publish -c Release src/Vigil", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void TheClient_LooksForTheFilesTheServerWrites()
    {
        Assert.Equal(VigilServer.UrlFileName, ClientOptions.UrlFileName);
        Assert.Equal(AdminTokenBootstrap.FileName, ClientOptions.AdminTokenFileName);
    }

    /// <summary>A copy of the client's build in a folder of its own, with <paramref name="vigilServer"/> as the script
    /// beside it (or none).</summary>
    private string Install(string? vigilServer)
    {
        var dir = Directory.CreateTempSubdirectory("vigil-install-").FullName;
        _installs.Add(dir);
        foreach (var file in Directory.EnumerateFiles(BuildDir))
        {
            File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        }
        if (vigilServer is not null)
        {
            var path = Path.Combine(dir, "vigil-server");
            File.WriteAllText(path, vigilServer);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return dir;
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> Run(string install, params string[] args) =>
        ExternalTool.RunAsync("dotnet", [Path.Combine(install, "vigil.dll"), .. args]);
}
