using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Vigil.Server.Hosting;
using Vigil.Server.Security;

namespace Vigil.Drill.Demo;

/// <summary>
/// <c>vigil demo</c>: the real server in this process on 127.0.0.1 with its own data folder and a generated
/// configuration, the simulated fleet with the real agent per host, the demo's loopback endpoints, the history; then
/// waits for <paramref name="stop"/> and takes it all down, removing the temporary folder.
/// </summary>
internal static class DemoRunner
{
    public static async Task<int> RunAsync(DemoOptions options, TextWriter console, CancellationToken stop)
    {
        var clock = TimeProvider.System;
        var keep = options.DataDir is not null;
        var folder = keep ? Path.GetFullPath(options.DataDir!) : Directory.CreateTempSubdirectory("vigil-demo-").FullName;
        Directory.CreateDirectory(folder);
        var agentLog = options.Verbose ? console : TextWriter.Null;
        DemoFleet? fleet = null;
        DemoWeb? web = null;
        WebApplication? server = null;
        try
        {
            fleet = DemoFleet.Create(Path.Combine(folder, "hosts"), clock);
            var controlToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            web = await DemoWeb.StartAsync(fleet, new PhoneLog(console, clock), controlToken, stop);
            var config = Path.Combine(folder, "vigil.yaml");
            await File.WriteAllTextAsync(config, DemoConfig.Yaml(new DemoEndpoints(web.Url, web.Url, fleet.Edge.Address, fleet.Lb1.Address, fleet.Lb2.Address),
                DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), stop);
            var data = Path.Combine(folder, "data");
            server = await VigilServer.StartAsync(new VigilServerOptions
            {
                Listen = $"127.0.0.1:{options.Port}",
                DataDir = data,
                ConfigPath = config,
                WorkingDirectory = folder,
                LogLevel = options.Verbose ? LogLevel.Information : LogLevel.Error,
            }, stop);
            var url = server.Url().TrimEnd('/');
            var token = (await File.ReadAllTextAsync(Path.Combine(data, AdminTokenBootstrap.FileName), stop)).Trim();
            using var api = new DemoApi(new Uri(url + "/"), token);
            foreach (var host in fleet.Hosts)
            {
                var created = await api.PostAsync("api/v1/agents/tokens", new JsonObject { ["host"] = host.Name }, stop);
                host.Root.Write("/etc/vigil/agent.yaml", AgentYaml.For(host.Name, host.Role, host.Root.WriteActionScript(), created!["serverKey"]!.ToString()));
                host.Agent = new DemoAgent(host.Root, host.Name, new Uri(url + "/"), created["token"]!.ToString(), agentLog);
            }
            fleet.Start();
            var password = await DemoLogin.EnsureAsync(api, stop);
            var incident = await DemoHistory.WriteAsync(api, clock, stop);
            DemoStateFile.Write(options.StateFile, new DemoState(web.Url, controlToken, url, Environment.ProcessId));
            lock (console)
            {
                console.Write(DemoBanner.Text(url, DemoLogin.User, password, token, folder, keep, incident));
                console.Flush();
            }
            await WaitAsync(server, stop);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return 0; // stopped while starting
        }
        finally
        {
            lock (console)
            {
                console.WriteLine("vigil demo: stopping the fleet and the server...");
            }
            DemoStateFile.Remove(options.StateFile, Environment.ProcessId);
            if (fleet is not null)
            {
                await fleet.DisposeAsync();
            }
            if (server is not null)
            {
                await server.StopAsync(CancellationToken.None);
                await server.DisposeAsync();
            }
            if (web is not null)
            {
                await web.DisposeAsync();
            }
            if (!keep)
            {
                Remove(folder);
            }
            lock (console)
            {
                console.WriteLine(keep ? $"vigil demo: stopped; {folder} is kept." : $"vigil demo: stopped; {folder} removed.");
            }
        }
    }

    /// <summary>Until Ctrl-C (or SIGTERM), or the server stopping by itself.</summary>
    private static async Task WaitAsync(WebApplication server, CancellationToken stop)
    {
        var stopped = new TaskCompletionSource();
        using var onStop = server.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult());
        using var onCancel = stop.Register(() => stopped.TrySetResult());
        await stopped.Task;
    }

    private static void Remove(string folder)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 10)
            {
                // A file still being written by a stopping agent or the database; a moment later it is closed.
                Thread.Sleep(200);
            }
        }
    }
}
