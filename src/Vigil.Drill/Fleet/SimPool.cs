using Vigil.Drill.Scenarios;
using Vigil.Server.Pools;

namespace Vigil.Drill.Fleet;

/// <summary>
/// A simulated load balancer in front of a pool: per member, what an operator set (ready, drain, maint) and what its
/// health checks concluded (UP after two passing checks, DOWN after two failing ones, as HAProxy's rise/fall). It
/// answers with the same rows HAProxy's Runtime API gives (<see cref="Snapshot"/>), so the server's pool rules judge it.
/// </summary>
internal sealed class SimPool
{
    public static readonly HaproxyEndpoint Endpoint = HaproxyEndpoint.Address("drill.invalid", 9999);

    private const int Rise = 2;
    private const int Fall = 2;
    private readonly Dictionary<string, MemberState> _members;

    public SimPool(PoolSpec spec)
    {
        Spec = spec;
        _members = spec.Members.ToDictionary(m => m, _ => new MemberState(), StringComparer.Ordinal);
        Pool = new Pool
        {
            Name = spec.Name,
            Instances = [Endpoint],
            Backend = spec.Name,
            Members = [.. spec.Members.Select(m => new PoolMember(m, m))],
            MinHealthy = spec.MinHealthy,
        };
    }

    public PoolSpec Spec { get; }

    /// <summary>The pool as the server's configuration would describe it.</summary>
    public Pool Pool { get; }

    public AdminState Admin(string member) => _members[member].Admin;

    public void SetAdmin(string member, AdminState state) => _members[member].Admin = state;

    /// <summary>HAProxy's view: the member's checks have risen.</summary>
    public bool IsUp(string member) => _members[member].Up;

    /// <summary>One round of health checks: <paramref name="passes"/> says whether each member's check passes now. True when a
    /// member went UP or DOWN.</summary>
    public bool Check(Func<string, bool> passes)
    {
        var changed = false;
        foreach (var (name, m) in _members)
        {
            if (passes(name))
            {
                m.Failed = 0;
                m.Passed++;
                if (!m.Up && m.Passed >= Rise)
                {
                    m.Up = true;
                    changed = true;
                }
            }
            else
            {
                m.Passed = 0;
                m.Failed++;
                if (m.Up && m.Failed >= Fall)
                {
                    m.Up = false;
                    changed = true;
                }
            }
        }
        return changed;
    }

    /// <summary>The members customers' requests go to: UP and ready.</summary>
    public IEnumerable<string> InRotation => _members.Where(p => p.Value.Up && p.Value.Admin == AdminState.Ready).Select(p => p.Key);

    /// <summary>What <c>show stat</c> and <c>show servers state</c> would answer now.</summary>
    public InstanceSnapshot Snapshot()
    {
        var stats = new List<ServerStat>();
        var states = new List<ServerStateRow>();
        foreach (var name in Spec.Members)
        {
            var m = _members[name];
            var status = m.Admin == AdminState.Maint ? ServerStatus.Maint
                : !m.Up ? ServerStatus.Down
                : m.Admin == AdminState.Drain ? ServerStatus.Drain : ServerStatus.Up;
            var text = status switch { ServerStatus.Maint => "MAINT", ServerStatus.Down => "DOWN", ServerStatus.Drain => "DRAIN", _ => "UP" };
            stats.Add(new ServerStat { Backend = Spec.Name, Server = name, Status = status, StatusText = text, CheckStatus = m.Up ? "L7OK" : "L4CON" });
            var admin = m.Admin switch { AdminState.Maint => 0x01, AdminState.Drain => 0x08, _ => 0 };
            states.Add(new ServerStateRow(Spec.Name, name, m.Up ? 2 : 0, admin, m.Up ? Rise + Fall - 1 : 0));
        }
        return new InstanceSnapshot(Endpoint, null, stats, states);
    }

    private sealed class MemberState
    {
        // A member starts risen: the drill begins with a settled pool.
        public bool Up { get; set; } = true;
        public int Passed { get; set; } = Rise;
        public int Failed { get; set; }
        public AdminState Admin { get; set; } = AdminState.Ready;
    }
}
