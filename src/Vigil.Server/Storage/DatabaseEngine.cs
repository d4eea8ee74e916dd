namespace Vigil.Server.Storage;

/// <summary>The two engines Vigil's one schema runs on.</summary>
public enum DatabaseEngine
{
    /// <summary>Embedded SQLite in the data folder (the default).</summary>
    Sqlite,

    /// <summary>PostgreSQL, for several server nodes sharing one database.</summary>
    Postgres,
}
