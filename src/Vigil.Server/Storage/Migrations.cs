namespace Vigil.Server.Storage;

/// <summary>
/// The schema, as an ordered list of versioned changes applied once each, kept in parts of a few hundred lines. Append
/// new versions at the end of the last part (or in a new part listed after it); never edit one that has shipped.
/// Instants are BIGINT unix milliseconds (UTC).
/// </summary>
internal static partial class Migrations
{
    // Methods, not fields: the order in which static fields of a partial class initialise across files is not defined.
    public static readonly IReadOnlyList<Migration> All = [.. Versions1To12(), .. Versions15To33()];
}
