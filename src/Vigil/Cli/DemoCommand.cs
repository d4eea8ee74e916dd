using System.CommandLine;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Drill.Demo;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil demo</c>: a real server with a simulated fleet, until Ctrl-C (see docs/demo.md); <c>vigil demo fault HOST
/// FAULT</c> breaks or mends a host of the running demo.
/// </summary>
internal static class DemoCommand
{
    public const string Name = "demo";

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "the server's port on 127.0.0.1 (default: a free one)", DefaultValueFactory = _ => 0 };
        var data = new Option<string?>("--data") { Description = "keep everything in this folder (default: a temporary folder, removed at the end)" };
        var state = new Option<string>("--state-file")
        {
            Description = "where the running demo tells `vigil demo fault` how to reach it (or env VIGIL_DEMO_STATE)",
            DefaultValueFactory = _ => DemoStateFile.DefaultPath(),
            Recursive = true,
        };
        var verbose = new Option<bool>("--verbose") { Description = "show the server's and the agents' logs" };
        var command = new Command(Name, "Run a real Vigil server with a simulated fleet (load balancers, cache, database, web servers, "
            + "their agents, HAProxy, customer probes, people on call) until Ctrl-C; nothing is left behind.") { port, data, state, verbose };
        command.SetAction(async (parse, ct) =>
        {
            var options = new DemoOptions { Port = parse.GetValue(port), DataDir = parse.GetValue(data), StateFile = parse.GetValue(state)!, Verbose = parse.GetValue(verbose) };
            if (options.Port is < 0 or > 65535)
            {
                await Console.Error.WriteLineAsync("vigil demo: --port must be from 0 to 65535");
                return 2;
            }
            // The demo takes SIGINT/SIGTERM itself (Program.cs leaves them to it): its clean-up stops agents and the
            // server and removes the temporary folder, which may take longer than the parser's grace before exit 130.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            void OnSignal(PosixSignalContext context)
            {
                context.Cancel = true;
                stop.Cancel();
            }
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
            try
            {
                return await DemoRunner.RunAsync(options, Console.Out, stop.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Everything started is stopped and removed by then; what failed is said in one line.
                await Console.Error.WriteLineAsync($"vigil demo: could not start: {e.Message}");
                return 1;
            }
        });
        command.Subcommands.Add(CreateFault(state));
        return command;
    }

    private static Command CreateFault(Option<string> state)
    {
        var host = new Argument<string>("HOST") { Description = "a host of the demo: lb-1, lb-2, cache-1, db-1, web-1, web-2, web-3" };
        var fault = new Argument<string>("FAULT") { Description = "down, up, reboot, unmount, mount, no-automount (the next boot leaves /data unmounted), kill-unicorn, heal" };
        fault.AcceptOnlyFromAmong([.. DemoFaults.ByName.Keys]);
        var command = new Command("fault", "Break or mend a host of the running demo.") { host, fault };
        command.SetAction(async (parse, ct) =>
        {
            if (DemoStateFile.Read(parse.GetValue(state)!) is not { } demo)
            {
                await Console.Error.WriteLineAsync($"vigil demo fault: no demo is running (no {parse.GetValue(state)}); start one with `vigil demo`");
                return 1;
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", demo.ControlToken);
            var body = new JsonObject { ["host"] = parse.GetValue(host), ["fault"] = parse.GetValue(fault) }.ToJsonString();
            try
            {
                using var response = await http.PostAsync(demo.ControlUrl + "/control/fault", new StringContent(body, Encoding.UTF8, "application/json"), ct);
                var text = (await response.Content.ReadAsStringAsync(ct)).TrimEnd();
                if (!response.IsSuccessStatusCode)
                {
                    await Console.Error.WriteLineAsync($"vigil demo fault: {text}");
                    return 1;
                }
                Console.WriteLine(text);
                return 0;
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"vigil demo fault: the demo (pid {demo.Pid}) does not answer at {demo.ControlUrl}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
