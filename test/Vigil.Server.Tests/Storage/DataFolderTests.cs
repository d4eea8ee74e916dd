using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Versioning;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Storage;

/// <summary>The data folder holds the database and with it the link-signing keys: only its owner may read it.</summary>
[SupportedOSPlatform("linux")]
public sealed class DataFolderTests
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadableFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode WorldReadableFolder = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public async Task FreshStart_CreatesTheFolder0700_AndEveryFileIn_It0600()
    {
        await using var vigil = await VigilInstance.StartAsync("sqlite", Configs.Minimal);
        await vigil.PostAlertsAsync("""[{"labels":{"alertname":"Written"}}]""");
        var data = vigil.Options.DataDir;

        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
        var files = Directory.GetFiles(data);
        foreach (var name in new[] { "vigil.db", "vigil.db-wal", "vigil.db-shm", "admin.token", "server.url" })
        {
            Assert.Contains(Path.Combine(data, name), files);
        }
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == OwnerOnlyFile, $"{f} is {File.GetUnixFileMode(f)}"));
    }

    [Fact]
    public async Task LooseFolderAndDatabase_AreMadeOwnerOnlyAtStart_WithAWarningNamingEach()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-modes-").FullName;
        var data = Path.Combine(dir, "data");
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, Configs.Minimal);
        await using (var first = await VigilProcess.StartAsync(data, config, null))
        {
        }
        File.SetUnixFileMode(data, WorldReadableFolder);
        foreach (var file in Directory.GetFiles(data))
        {
            File.SetUnixFileMode(file, WorldReadableFile);
        }
        var loose = Directory.GetFiles(data).Select(Path.GetFileName).ToList();
        Assert.Contains("vigil.db", loose);
        Assert.Contains("admin.token", loose);

        var output = new ConcurrentQueue<string>();
        using var server = Launch(output, "server", "--listen", "127.0.0.1:0", "--data", data, "--config", config);
        try
        {
            await WaitForStartAsync(server, output);

            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(data));
            Assert.All(Directory.GetFiles(data), f => Assert.True(File.GetUnixFileMode(f) == OwnerOnlyFile, $"{f} is {File.GetUnixFileMode(f)}"));
            var warning = Assert.Single(output, l => l.Contains("was open to other users", StringComparison.Ordinal));
            Assert.Contains("warn", warning, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"{data} (0755 → 0700)", warning, StringComparison.Ordinal);
            foreach (var name in loose)
            {
                Assert.Contains($"{Path.Combine(data, name!)} (0644 → 0600)", warning, StringComparison.Ordinal);
            }
            Assert.Contains("vigil secrets rotate", warning, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task OwnerOnlyFolder_StartsWithoutAWarning()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-modes-").FullName;
        var data = Path.Combine(dir, "data");
        var config = Path.Combine(dir, "vigil.yaml");
        await File.WriteAllTextAsync(config, Configs.Minimal);
        await using (var first = await VigilProcess.StartAsync(data, config, null))
        {
        }
        var output = new ConcurrentQueue<string>();
        using var server = Launch(output, "server", "--listen", "127.0.0.1:0", "--data", data, "--config", config);
        try
        {
            await WaitForStartAsync(server, output);
            Assert.DoesNotContain(output, l => l.Contains("open to other users", StringComparison.Ordinal));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task WaitForStartAsync(Process server, ConcurrentQueue<string> output)
    {
        for (var i = 0; i < 300 && !server.HasExited && !output.Any(l => l.Contains("Vigil listening on", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(output.Any(l => l.Contains("Vigil listening on", StringComparison.Ordinal)), "vigil did not start; it printed:\n" + string.Join("\n", output));
    }

    private static Process Launch(ConcurrentQueue<string> output, params string[] args)
    {
        var process = Process.Start(VigilProcess.StartInfo(args))!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
