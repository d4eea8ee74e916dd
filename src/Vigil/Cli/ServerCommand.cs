using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Vigil.Server.Config;
using Vigil.Server.Hosting;

namespace Vigil.Cli;

/// <summary><c>vigil server</c>: runs the control plane until SIGTERM/SIGINT.</summary>
internal static class ServerCommand
{
    public const string Name = "server";

    public static Command Create()
    {
        var listen = new Option<string>("--listen") { Description = "host:port to listen on", DefaultValueFactory = _ => "127.0.0.1:9093" };
        var data = new Option<string>("--data") { Description = "data folder (SQLite database, admin token)", DefaultValueFactory = _ => "vigil-data" };
        var config = new Option<string?>("--config") { Description = "configuration file (default: ./vigil.yaml if present, else a built-in example)" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string instead of SQLite (or env VIGIL_POSTGRES)" };
        var node = new Option<string?>("--node")
        {
            Description = "this node's name among several servers on one PostgreSQL (default: host name and port; see docs/scaling.md)",
        };
        var logFormat = new Option<string>("--log-format") { Description = "text or json (one JSON object per log event)", DefaultValueFactory = _ => "text" };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var webConfig = new Option<string?>("--web.config.file")
        {
            Description = "TLS, client certificates, basic-auth users and headers, in the Prometheus exporter-toolkit format (see docs/security.md)",
        };
        var command = new Command(Name, "Run the Vigil server (Alertmanager API v2 on --listen).") { listen, data, config, postgres, node, logFormat, webConfig };
        command.SetAction(async (parse, ct) =>
        {
            var options = new VigilServerOptions
            {
                Listen = parse.GetValue(listen)!,
                DataDir = parse.GetValue(data)!,
                ConfigPath = parse.GetValue(config),
                Postgres = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("VIGIL_POSTGRES"),
                Node = parse.GetValue(node) is { Length: > 0 } name ? name : null,
                JsonLogs = parse.GetValue(logFormat) == "json",
                WebConfigFile = parse.GetValue(webConfig),
                OwnsProcess = true,
            };
            try
            {
                await using var app = await VigilServer.StartAsync(options, ct);
                await app.WaitForShutdownAsync(CancellationToken.None);
                return 0;
            }
            catch (ConfigException e)
            {
                await Console.Error.WriteLineAsync($"vigil: invalid configuration: {e.Message}");
                return 2;
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"vigil: {e.Message}");
                return 2;
            }
        });
        return command;
    }
}
