namespace Vigil.Server.Hosting;

/// <summary>How to start a server (<c>vigil server</c> flags).</summary>
public sealed record VigilServerOptions
{
    /// <summary>host:port to listen on. Default 127.0.0.1:9093 (Alertmanager's port). Port 0 picks a free one.</summary>
    public string Listen { get; init; } = "127.0.0.1:9093";

    /// <summary>Data folder: SQLite database, admin token, server URL. Default ./vigil-data.</summary>
    public string DataDir { get; init; } = "vigil-data";

    /// <summary>Configuration file; null means ./vigil.yaml if present, else the built-in example.</summary>
    public string? ConfigPath { get; init; }

    /// <summary>PostgreSQL connection string; null means embedded SQLite in the data folder.</summary>
    public string? Postgres { get; init; }

    /// <summary>Whether <see cref="Postgres"/> is given (else SQLite).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Postgres))]
    public bool UsesPostgres => Postgres is { Length: > 0 };

    /// <summary>This node's name among the nodes sharing one PostgreSQL (<c>--node</c>); null: host name and port.</summary>
    public string? Node { get; init; }

    /// <summary>The clock; tests pass a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Least severe log level written to the console. Default Information.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;

    /// <summary>Write logs as JSON lines (one object per event, with its structured fields) instead of text. Default false.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>A log destination besides the console (tests read what the server logged). Default none.</summary>
    public Microsoft.Extensions.Logging.ILoggerProvider? LogSink { get; init; }

    /// <summary>A web configuration file in the Prometheus exporter toolkit's format (<c>--web.config.file</c>): TLS,
    /// client certificates, basic-auth users, response headers. Default none: plain HTTP, tokens only.</summary>
    public string? WebConfigFile { get; init; }

    /// <summary>
    /// The server has the process to itself (<c>vigil server</c>), so it may compact the process's heap when it is idle
    /// after a burst (<see cref="IdleHeapCompaction"/>). Default false: a server in a test or a demo shares its process.
    /// </summary>
    public bool OwnsProcess { get; init; }

    /// <summary>Where to look for ./vigil.yaml. Default: the current directory.</summary>
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();
}
