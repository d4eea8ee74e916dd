namespace Vigil.Server.Pools;

/// <summary>
/// One server's line of <c>show servers state</c>: what an operator set (drain, maintenance), which
/// <c>show stat</c>'s status hides when the server is also DOWN.
/// </summary>
public sealed record ServerStateRow(string Backend, string Server, int OperationalState, int AdminFlags, int CheckHealth)
{
    // srv_admin flags (HAProxy src/server-t.h): forced, inherited and configured maintenance, DNS maintenance; forced and inherited drain.
    private const int MaintFlags = 0x01 | 0x02 | 0x04 | 0x20;
    private const int DrainFlags = 0x08 | 0x10;

    public AdminState Admin => (AdminFlags & MaintFlags) != 0 ? AdminState.Maint : (AdminFlags & DrainFlags) != 0 ? AdminState.Drain : AdminState.Ready;
}
