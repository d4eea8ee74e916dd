using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;

namespace Vigil.Drill.Tests.Demo;

/// <summary>
/// The real <c>vigil demo</c> as a child process (the built vigil.dll beside the tests, or the installed folder in
/// <c>VIGIL_TEST_INSTALLED</c>), with its own state file; what it prints is collected, and the banner's URL, token and
/// folder are read from it.
/// </summary>
internal sealed partial class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoProcess(Process process, string stateFile)
    {
        _process = process;
        StateFile = stateFile;
    }

    public static string VigilDll => Path.Combine(AppContext.BaseDirectory, "vigil.dll");

    /// <summary>
    /// An installed Vigil (a folder made by <c>dotnet publish -c Release src/Vigil -o DIR</c>, docs/install.md) to run
    /// instead of the build beside the tests: <c>VIGIL_TEST_INSTALLED=DIR</c>. test.sh sets it for a second pass of
    /// these tests, so the installed layout (trimmed, one composite ReadyToRun image, the native client) is run too.
    /// </summary>
    public static string? Installed => Environment.GetEnvironmentVariable("VIGIL_TEST_INSTALLED") is { Length: > 0 } dir ? dir : null;

    public string StateFile { get; }

    public string Url { get; private set; } = "";

    public string Token { get; private set; } = "";

    public string Folder { get; private set; } = "";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    [GeneratedRegex(@"export VIGIL_URL=(\S+) VIGIL_TOKEN=(\S+)")]
    private static partial Regex CliLine();

    [GeneratedRegex(@"Folder\s+(\S+)")]
    private static partial Regex FolderLine();

    /// <summary>Starts <c>vigil demo</c> and waits (at most 2 minutes, for a loaded machine) until it printed its banner.</summary>
    public static async Task<DemoProcess> StartAsync()
    {
        var state = Path.Combine(Path.GetTempPath(), $"vigil-demo-test-{Guid.NewGuid():N}.json");
        var demo = new DemoProcess(Launch(["demo"], state), state);
        demo._process.OutputDataReceived += (_, e) => demo.Collect(e.Data);
        demo._process.ErrorDataReceived += (_, e) => demo.Collect(e.Data);
        demo._process.BeginOutputReadLine();
        demo._process.BeginErrorReadLine();
        var exited = demo._process.WaitForExitAsync();
        if (await Task.WhenAny(demo._banner.Task, exited, Task.Delay(TimeSpan.FromMinutes(2))) != demo._banner.Task)
        {
            await demo.DisposeAsync();
            Assert.Fail($"vigil demo printed no banner:\n{demo.Output}");
        }
        return demo;
    }

    /// <summary>A client of the demo's server with the admin token it printed.</summary>
    public HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = new Uri(Url + "/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return http;
    }

    /// <summary>Runs another vigil verb (e.g. <c>demo fault lb-2 down</c>) against this demo; its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunCliAsync(params string[] args)
    {
        using var p = Launch(args, StateFile);
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (p.ExitCode, await output + await error);
    }

    /// <summary>Sends the signal (as Ctrl-C or a service manager would) and waits for the exit; the exit code.</summary>
    public async Task<int> StopAsync(string signal)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return _process.ExitCode;
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
        if (CliLine().Match(line) is { Success: true } cli)
        {
            (Url, Token) = (cli.Groups[1].Value, cli.Groups[2].Value);
        }
        if (FolderLine().Match(line) is { Success: true } folder)
        {
            Folder = folder.Groups[1].Value;
        }
        if (line.Contains("Ctrl-C stops everything", StringComparison.Ordinal))
        {
            _banner.TrySetResult();
        }
    }

    /// <summary>
    /// Starts vigil with SIGINT at its default disposition, as a terminal gives it: a test process started in the
    /// background without job control (CI) ignores SIGINT, and an ignored signal would be inherited across exec. A
    /// small python3 (the test runner needs it anyway) resets it and execs dotnet in place, keeping the process id.
    /// </summary>
    private static Process Launch(string[] args, string stateFile)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])");
        if (Installed is { } dir)
        {
            psi.ArgumentList.Add(Path.Combine(dir, "vigil"));
        }
        else
        {
            psi.ArgumentList.Add("dotnet");
            psi.ArgumentList.Add(VigilDll);
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["VIGIL_DEMO_STATE"] = stateFile;
        return Process.Start(psi)!;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        File.Delete(StateFile);
    }
}
