using System.Diagnostics;
using System.Net.Http.Headers;

namespace Vigil.Server.Tests.Support;

/// <summary>The real <c>vigil</c> executable as a child process, so tests can SIGKILL it.</summary>
public sealed class VigilProcess : IVigilServer, IVigilProcesses
{
    private Process _process;
    private HttpClient? _http;

    private VigilProcess(Process process, string dataDir, string[] args)
    {
        _process = process;
        DataDir = dataDir;
        Args = args;
    }

    public string DataDir { get; }

    public string[] Args { get; }

    public string Url { get; private set; } = "";

    /// <summary>A client with the admin token for the server as it runs now (made again by <see cref="RestartAsync"/>).</summary>
    public HttpClient Http => _http ??= CreateClient();

    public static string VigilDll => Path.Combine(AppContext.BaseDirectory, "vigil.dll");

    /// <summary>
    /// An installed Vigil to run instead of the build beside the tests: <c>VIGIL_TEST_INSTALLED=DIR</c>, a folder made by
    /// <c>dotnet publish -c Release src/Vigil -o DIR</c> (docs/install.md). test.sh sets it for a second pass of the
    /// end-to-end tests, so the layout users install (trimmed, one composite ReadyToRun image, the native client that
    /// hands <c>server</c> to vigil-server) is run too.
    /// </summary>
    public static string? Installed => Environment.GetEnvironmentVariable("VIGIL_TEST_INSTALLED") is { Length: > 0 } dir ? dir : null;

    /// <summary>Starts <c>vigil server</c>; <paramref name="environment"/> adds variables to its environment.</summary>
    public static async Task<VigilProcess> StartAsync(string dataDir, string configPath, string? postgres, IReadOnlyDictionary<string, string>? environment = null)
    {
        string[] args = ["server", "--listen", "127.0.0.1:0", "--data", dataDir, "--config", configPath, .. postgres is null ? Array.Empty<string>() : ["--postgres", postgres]];
        var p = new VigilProcess(Launch(args, environment), dataDir, args);
        await p.WaitReadyAsync();
        return p;
    }

    /// <summary>A node of a cluster on <paramref name="postgres"/>, named <paramref name="node"/>. Only the first node on a
    /// database writes the admin token; give the others <paramref name="adminToken"/> (the first one's).</summary>
    public static async Task<VigilProcess> StartNodeAsync(string dataDir, string configPath, string postgres, string node, string? adminToken = null)
    {
        string[] args = ["server", "--listen", "127.0.0.1:0", "--data", dataDir, "--config", configPath, "--postgres", postgres, "--node", node];
        var p = new VigilProcess(Launch(args), dataDir, args) { AdminToken = adminToken };
        await p.WaitReadyAsync();
        return p;
    }

    /// <summary>The admin token, when it is not in this node's data folder.</summary>
    public string? AdminToken { get; private set; }

    /// <summary>The admin token this process is reached with.</summary>
    public string Token => AdminToken ?? File.ReadAllText(Path.Combine(DataDir, "admin.token")).Trim();

    public HttpClient CreateClient()
    {
        var token = Token;
        var http = new HttpClient { BaseAddress = new Uri(Url + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>SIGTERM, as systemd stops a service, and waits for the process to exit (SIGKILL after 30 s); returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            Kill9();
            Assert.Fail("vigil did not exit within 30 s of SIGTERM");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown hooks run.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// Starts the server again on the same data; with <paramref name="samePort"/> on the port it had, as a restarted
    /// service would be, so clients that keep retrying (agents) find it again by themselves.
    /// </summary>
    public async Task RestartAsync(bool samePort = false)
    {
        if (samePort)
        {
            var at = Array.IndexOf(Args, "--listen");
            Args[at + 1] = new Uri(Url).Authority;
        }
        File.Delete(Path.Combine(DataDir, "server.url"));
        _http?.Dispose();
        _http = null;
        _process.Dispose();
        _process = Launch(Args);
        await WaitReadyAsync();
    }

    Task IVigilProcesses.Kill9OneNodeAsync()
    {
        Kill9();
        return Task.CompletedTask;
    }

    Task IVigilProcesses.RestartAsync() => RestartAsync();

    /// <summary>
    /// How to start vigil with <paramref name="args"/>: the build's vigil.dll, or the <see cref="Installed"/> one.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var installed = Installed;
        var psi = new ProcessStartInfo(installed is null ? "dotnet" : Path.Combine(installed, "vigil"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (installed is null)
        {
            psi.ArgumentList.Add(VigilDll);
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        return psi;
    }

    public static Process Launch(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = StartInfo(args);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitReadyAsync()
    {
        var urlFile = Path.Combine(DataDir, "server.url");
        using var http = new HttpClient();
        // Generous: a restart replays the ingest log, and on a machine running many suites at once (load 50+) a child
        // process's start-up was measured past 30 s. Readiness is all this waits for; no assertion is timed.
        for (var i = 0; i < 1200; i++)
        {
            if (_process.HasExited)
            {
                Assert.Fail($"vigil exited with code {_process.ExitCode}");
            }
            if (File.Exists(urlFile))
            {
                Url = (await File.ReadAllTextAsync(urlFile)).Trim();
                if (Url.Length > 0)
                {
                    try
                    {
                        if ((await http.GetAsync(Url + "/-/ready")).IsSuccessStatusCode)
                        {
                            return;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }
                }
            }
            await Task.Delay(100);
        }
        Assert.Fail("vigil did not become ready within 120 s");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _http?.Dispose();
    }
}
