using Vigil.Server.Config;
using Vigil.Server.Storage;

namespace Vigil.Server.Hosting;

/// <summary>
/// What a start reads and opens before any service runs: the configuration and the databases. <see cref="VigilServer"/>
/// opens them on another thread while it assembles and builds the host, which needs neither until a service is first
/// resolved.
/// </summary>
/// <param name="Migrated">The schema brought up to date; the restore waits for it, the host's build does not.</param>
internal sealed record ServerStores(ConfigHolder Config, Database Database, SnapshotDatabase? Snapshot, Task Migrated)
{
    public static async Task<ServerStores> OpenAsync(VigilServerOptions options, CancellationToken ct)
    {
        var config = ConfigHolder.Load(options.ConfigPath, options.WorkingDirectory);
        var database = options.UsesPostgres
            ? Database.Postgres(options.Postgres)
            : Database.Sqlite(options.DataDir, config.Current.Server.Durability);
        // The migrations (SQLite's run synchronously) on another thread while the alert snapshot's file is opened.
        var migrated = Task.Run(() => database.MigrateAsync(ct), ct);
        try
        {
            // SQLite: the alert snapshot in a file of its own, so writing it never holds up the ingest log's commits.
            var snapshot = options.UsesPostgres
                ? null
                : await SnapshotDatabase.OpenAsync(options.DataDir, config.Current.Server.Durability, cancellationToken: ct);
            return new ServerStores(config, database, snapshot, migrated);
        }
        catch
        {
            await migrated.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>The opened stores, for the container's factories: the start has awaited them by the time any runs.</summary>
    public static ServerStores Opened(Task<ServerStores> opening) => opening.GetAwaiter().GetResult();

    /// <summary>Closes what <paramref name="opening"/> opened, when the start fails before the host owns it.</summary>
    public static async Task CloseAsync(Task<ServerStores> opening)
    {
        await ((Task)opening).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (opening.IsCompletedSuccessfully)
        {
            var stores = opening.Result;
            await stores.Migrated.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (stores.Snapshot is not null)
            {
                await stores.Snapshot.DisposeAsync();
            }
            await stores.Database.DisposeAsync();
        }
    }
}
