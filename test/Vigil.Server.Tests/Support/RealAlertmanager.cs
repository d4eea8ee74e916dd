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

    public static async Task<RealAlertmanager> StartAsync(string configYaml)
    {
        ExternalTool.Require(Binary);
        var dir = Directory.CreateTempSubdirectory("am-").FullName;
        var config = Path.Combine(dir, "am.yml");
        await File.WriteAllTextAsync(config, configYaml);
        var port = ExternalTool.FreePort();
        var process = ExternalTool.Start(Binary, "--config.file=" + config, "--storage.path=" + Path.Combine(dir, "data"),
            $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=");
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
