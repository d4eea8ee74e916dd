using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Vigil.Server.Storage;

/// <summary>
/// The statements of the SQLite writer connection, kept prepared from one transaction to the next, by SQL text.
/// Microsoft.Data.Sqlite prepares a command's SQL again for every new command (efcore#14044: it keeps statements only as
/// long as the command object lives), and the writer runs the same few dozen statements all day: during a 500-host plan
/// run, parsing and planning them again was about 5 % of the server's CPU (docs/benchmarks.md, "Session 55").
/// <see cref="DbCommandExtensions.Command"/> and <see cref="RowStatement.Prepare"/> take from here when their connection
/// is a writer (<see cref="Attach"/>); anything else (readers, PostgreSQL) prepares per command as before.
/// </summary>
/// <remarks>
/// A command or statement given back (disposed) is kept for the next user of the same text, one per text and at most
/// <see cref="MaxTexts"/> texts: SQL built with values in it (a <c>LIMIT 50</c>) is rare here, and past the cap a text is
/// simply prepared per use again; a command whose user replaced its text is not kept. One that is still in use when the
/// same text is asked for again is not shared: the second user gets its own. The connection runs one transaction at a
/// time (the write gate), so the lock only guards against a mistake. What is kept lives as long as its connection:
/// closing it finalizes every statement, and a writer replaced after an error gets a new, empty set.
/// </remarks>
internal sealed class WriterStatements
{
    /// <summary>How many distinct SQL texts a writer keeps prepared.</summary>
    public const int MaxTexts = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, WriterStatements> Writers = new();

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeptCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteRowStatement> _rows = new(StringComparer.Ordinal);

    private WriterStatements(SqliteConnection connection)
    {
        _connection = connection;
        connection.StateChange += OnStateChange;
    }

    /// <summary>
    /// Finalizes the kept commands' statements once the writer closed. Closing a connection disposes its commands while it
    /// still reads as open, so a kept command takes that for a user giving it back; its statements would stay on the
    /// SQLite handle the pool keeps for its next user. (Row statements finalize themselves on the same event.)
    /// </summary>
    private void OnStateChange(object? sender, System.Data.StateChangeEventArgs e)
    {
        if (e.CurrentState != System.Data.ConnectionState.Closed)
        {
            return;
        }
        List<KeptCommand> kept;
        lock (_gate)
        {
            kept = [.. _commands.Values];
            _commands.Clear();
            _rows.Clear();
        }
        foreach (var cmd in kept)
        {
            cmd.Release();
        }
    }

    /// <summary>Lookaside slots the writer's connection gets (of <see cref="LookasideSlotBytes"/> each, ~2.4 MB).</summary>
    public const int LookasideSlots = 2000;

    /// <summary>SQLite's own default slot size.</summary>
    public const int LookasideSlotBytes = 1200;

    /// <summary>
    /// Keeps statements prepared on <paramref name="connection"/> (a writer, just opened) from now on, and gives the
    /// connection the lookaside memory they need. A prepared statement holds some of its connection's lookaside slots
    /// (SQLite's fast allocator for small objects) for as long as it lives, ~7 each; SQLite's default of ~120 slots is
    /// full with 20 statements kept, and from then on every small allocation of every statement on the connection goes
    /// to malloc instead (a 10,000-page escalation burst took up to a third more of the server's CPU so).
    /// </summary>
    public static void Attach(SqliteConnection connection)
    {
        // Refused (SQLITE_BUSY) while any lookaside memory is in use; the writer was just opened, with nothing prepared.
        raw.sqlite3_db_config(connection.Handle, raw.SQLITE_DBCONFIG_LOOKASIDE, IntPtr.Zero, LookasideSlotBytes, LookasideSlots);
        Writers.AddOrUpdate(connection, new WriterStatements(connection));
    }

    /// <summary>The statements kept for <paramref name="connection"/>, or null when it is not a writer.</summary>
    public static WriterStatements? Of(DbConnection connection) =>
        connection is SqliteConnection sqlite && Writers.TryGetValue(sqlite, out var kept) ? kept : null;

    /// <summary>How many texts are kept (commands and row statements; for tests).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _commands.Count + _rows.Count;
            }
        }
    }

    /// <summary>A command for <paramref name="sql"/> on the writer in <paramref name="tx"/>: the one kept for it, else a new one.</summary>
    public DbCommand Command(DbTransaction? tx, string sql)
    {
        KeptCommand? cmd;
        lock (_gate)
        {
            _commands.Remove(sql, out cmd);
        }
        cmd ??= new KeptCommand(this, sql) { Connection = _connection, CommandText = sql };
        cmd.Transaction = (SqliteTransaction?)tx;
        return cmd;
    }

    /// <summary>A row statement for <paramref name="sql"/>: the one kept for it, else one prepared from <paramref name="prepared"/>(sql).</summary>
    public SqliteRowStatement Row(string sql, Func<string, string> prepared)
    {
        SqliteRowStatement? row;
        lock (_gate)
        {
            _rows.Remove(sql, out row);
        }
        return row ?? new SqliteRowStatement(_connection, prepared(sql), this, sql);
    }

    /// <summary>Takes back a command its user disposed; false when it is not kept (its connection closed, or no room).</summary>
    private bool GiveBack(KeptCommand cmd)
    {
        // A command whose text its user replaced (an IN list of as many values as it has) is not kept: such texts vary.
        // Nor one that bound a large value: SQLite keeps its copy in the statement until the next user binds another.
        if (cmd.Connection != _connection || _connection.State != System.Data.ConnectionState.Open || cmd.CommandText != cmd.Asked
            || HoldsLargeValue(cmd))
        {
            return false;
        }
        cmd.Parameters.Clear();
        cmd.Transaction = null;
        lock (_gate)
        {
            return _commands.Count + _rows.Count < MaxTexts && _commands.TryAdd(cmd.CommandText, cmd);
        }
    }

    /// <summary>Values larger than this (bytes or characters) are not left bound in a kept statement.</summary>
    public const int LargeValue = 16 * 1024;

    private static bool HoldsLargeValue(SqliteCommand cmd)
    {
        foreach (SqliteParameter p in cmd.Parameters)
        {
            if (p.Value is byte[] { Length: > LargeValue } or string { Length: > LargeValue })
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Takes back a row statement its user disposed (reset, bindings cleared); false when it is not kept.</summary>
    internal bool GiveBack(SqliteRowStatement row, string sql)
    {
        if (_connection.State != System.Data.ConnectionState.Open)
        {
            return false;
        }
        lock (_gate)
        {
            return _commands.Count + _rows.Count < MaxTexts && _rows.TryAdd(sql, row);
        }
    }

    /// <summary>A command whose disposal gives it back to the writer's set, its statements still prepared.</summary>
    private sealed class KeptCommand(WriterStatements owner, string asked) : SqliteCommand
    {
        /// <summary>The text it was made for (and is kept under).</summary>
        public string Asked { get; } = asked;

        /// <summary>Disposes it for good: its statements finalized, off its connection's list.</summary>
        public void Release() => base.Dispose(true);

        protected override void Dispose(bool disposing)
        {
            if (disposing && DataReader is null && owner.GiveBack(this))
            {
                return;
            }
            base.Dispose(disposing);
        }
    }
}
