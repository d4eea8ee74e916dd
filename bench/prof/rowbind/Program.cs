// What binding a row costs on SQLite (session 36): 20,000 page events inserted in transactions of 500 rows through one
// prepared statement, (1) through Microsoft.Data.Sqlite with new parameters per row (as RowInserts did), (2) the same
// command with its parameters created once and given new values, (3) the SQLite handle's own statement with values
// bound by position (as RowStatement does now). Prints µs and bytes allocated per row; four rounds.
// usage: dotnet run -c Release --project bench/prof/rowbind [FOLDER]   (FOLDER for the scratch databases, default /tmp)
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;
const int N = 20000;
var folder = args.Length > 0 ? args[0] : Path.GetTempPath();
for (var round = 0; round < 4; round++)
foreach (var mode in new[] { "ado-new", "ado-reuse", "raw" })
{
    var path = Path.Combine(folder, $"rowbind-{mode}.db");
    foreach (var f in new[] { path, path + "-wal", path + "-shm" }) File.Delete(f);
    using var conn = new SqliteConnection($"Data Source={path};Pooling=False");
    conn.Open();
    using (var c = conn.CreateCommand()) { c.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE page_events (id INTEGER PRIMARY KEY AUTOINCREMENT, page_id BIGINT NOT NULL, at BIGINT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT NOT NULL); CREATE INDEX page_events_page ON page_events (page_id, id);"; c.ExecuteNonQuery(); }
    var alloc0 = GC.GetAllocatedBytesForCurrentThread();
    var sw = Stopwatch.StartNew();
    for (var b = 0; b < N; b += 500)
    {
        using var tx = conn.BeginTransaction();
        if (mode == "raw")
        {
            raw.sqlite3_prepare_v2(conn.Handle, "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES (?1, ?2, ?3, ?4, ?5)", out sqlite3_stmt st);
            for (var i = b; i < b + 500; i++)
            {
                raw.sqlite3_bind_int64(st, 1, i); raw.sqlite3_bind_int64(st, 2, 1234567890123L);
                raw.sqlite3_bind_text(st, 3, "escalated"); raw.sqlite3_bind_text(st, 4, "vigil"); raw.sqlite3_bind_text(st, 5, "level 2, round 1");
                raw.sqlite3_step(st); raw.sqlite3_reset(st);
            }
            st.Dispose();
        }
        else
        {
            using var cmd = conn.CreateCommand(); cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO page_events (page_id, at, kind, actor, detail) VALUES (@p0, @a0, @k0, @u0, @d0)";
            SqliteParameter? p = null, a = null, k = null, u = null, d = null;
            if (mode == "ado-reuse") { p = cmd.Parameters.Add("@p0", SqliteType.Integer); a = cmd.Parameters.Add("@a0", SqliteType.Integer); k = cmd.Parameters.Add("@k0", SqliteType.Text); u = cmd.Parameters.Add("@u0", SqliteType.Text); d = cmd.Parameters.Add("@d0", SqliteType.Text); }
            for (var i = b; i < b + 500; i++)
            {
                if (mode == "ado-new")
                {
                    cmd.Parameters.Clear();
                    cmd.Parameters.AddWithValue($"@p{0}", (long)i); cmd.Parameters.AddWithValue($"@a{0}", 1234567890123L);
                    cmd.Parameters.AddWithValue($"@k{0}", "escalated"); cmd.Parameters.AddWithValue($"@u{0}", "vigil"); cmd.Parameters.AddWithValue($"@d{0}", "level 2, round 1");
                }
                else { p!.Value = (long)i; a!.Value = 1234567890123L; k!.Value = "escalated"; u!.Value = "vigil"; d!.Value = "level 2, round 1"; }
                cmd.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }
    sw.Stop();
    Console.WriteLine($"{mode,-10} {sw.Elapsed.TotalMicroseconds / N:F2} us/row  {(GC.GetAllocatedBytesForCurrentThread() - alloc0) / N} B/row");
}
