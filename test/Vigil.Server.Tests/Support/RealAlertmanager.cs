using System.Diagnostics;

namespace Vigil.Server.Tests.Support;

/// <summary>A real Alertmanager 0.25 (Debian's) on a free loopback port, clustering off, for side-by-side tests.</summary>
public sealed class RealAlertmanager : IDisposable
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";
    private readonly Process _process;

    private RealAlertmanager(Process process, HttpClient http)
    {
        _process = process;
        Http = http;
    }

    public HttpClient Http { get; }

    /// <summary>Starts it on <paramref name="configYaml"/>; <paramref name="externalUrl"/> sets <c>--web.external-url</c> (templates show it).</summary>
    public static async Task<RealAlertmanager> StartAsync(string configYaml, string? externalUrl = null)
    {
        ExternalTool.Require(Binary);
        var dir = Directory.CreateTempSubdirectory("am-").FullName;
        var config = Path.Combine(dir, "am.yml");
        await File.WriteAllTextAsync(config, configYaml);
        var port = ExternalTool.FreePort();
        string[] args = ["--config.file=" + config, "--storage.path=" + Path.Combine(dir, "data"), $"--web.listen-address=127.0.0.1:{port}",
            "--cluster.listen-address=", .. externalUrl is null ? Array.Empty<string>() : ["--web.external-url=" + externalUrl]];
        var process = ExternalTool.Start(Binary, args);
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var am = new RealAlertmanager(process, http);
        try
        {
            await ExternalTool.WaitUntilAsync(async () => (await http.GetAsync("-/ready")).IsSuccessStatusCode, TimeSpan.FromSeconds(20), "Alertmanager");
        }
        catch
        {
            am.Dispose();
            throw;
        }
        return am;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        Http.Dispose();
    }
}
