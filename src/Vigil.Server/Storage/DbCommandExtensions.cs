using System.Data.Common;

namespace Vigil.Server.Storage;

/// <summary>Parameter plumbing shared by the stores; one spelling works on both engines.</summary>
internal static class DbCommandExtensions
{
    public static DbParameter AddParameter(this DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }

    /// <summary>A command for <paramref name="sql"/> in <paramref name="tx"/>; on the SQLite writer, the one kept prepared for this text (<see cref="WriterStatements"/>).</summary>
    public static DbCommand Command(this DbConnection conn, DbTransaction? tx, string sql)
    {
        if (WriterStatements.Of(conn) is { } kept)
        {
            return kept.Command(tx, sql);
        }
        var cmd = conn.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        return cmd;
    }

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
