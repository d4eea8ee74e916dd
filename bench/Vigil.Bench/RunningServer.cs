namespace Vigil.Bench;

/// <summary>A started, ready server under test: its URL, token, listening pid and start-up time.</summary>
internal sealed class RunningServer : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly ProcessLauncher _launcher;

    private RunningServer(ProcessLauncher launcher, Uri url, string? token, int pid, TimeSpan startup)
    {
        _launcher = launcher;
        Url = url;
        Token = token;
        Pid = pid;
        Startup = startup;
    }

    public Uri Url { get; }

    public string? Token { get; }

    /// <summary>The process that owns the listening socket (not a wrapper such as <c>dotnet run</c>).</summary>
    public int Pid { get; }

    public TimeSpan Startup { get; }

    /// <param name="fixedPort">The port to listen on (a restarted cluster member keeps its address); default a free one.</param>
    public static async Task<RunningServer> StartAsync(SystemUnderTest system, string config, string dataDir, string logPath, int? fixedPort = null)
    {
        Directory.CreateDirectory(dataDir);
        var port = fixedPort ?? ProcessLauncher.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var launcher = ProcessLauncher.Start(system.Command(config, port, dataDir), logPath);
        try
        {
            var startup = await launcher.WaitReadyAsync(url, () => system.TryReadToken(config, port, dataDir), ReadyTimeout).ConfigureAwait(false);
            var token = system.TryReadToken(config, port, dataDir);
            for (var i = 0; i < 50 && token is null && system.TokenFileTemplate is not null; i++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System).ConfigureAwait(false);
                token = system.TryReadToken(config, port, dataDir);
            }

            if (system.TokenFileTemplate is not null && token is null)
            {
                throw new InvalidOperationException($"{system.Name} is ready but its token file ({system.TokenFileTemplate}) is missing or empty");
            }

            var pid = PortOwner.FindPid(port) ?? launcher.Pid;
            return new RunningServer(launcher, url, token, pid, startup);
        }
        catch
        {
            launcher.Dispose();
            throw;
        }
    }

    public HttpClient Client(int connections) => BenchHttp.Create(Url, Token, connections, TimeSpan.FromSeconds(120));

    /// <summary>SIGKILL (the process tree), as <c>kill -9</c>: nothing of the server's shutdown runs.</summary>
    public void Kill9() => _launcher.Dispose();

    public void Dispose() => _launcher.Dispose();
}
