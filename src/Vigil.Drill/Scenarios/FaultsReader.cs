using Vigil.Server.Config;

namespace Vigil.Drill.Scenarios;

/// <summary>Reads <c>faults:</c>: each names its kind, its time (and end), and the host, probe or receiver it hits.</summary>
internal static class FaultsReader
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "kind", "at", "until", "host", "probe", "receiver", "mount", "check" };

    private static readonly Dictionary<string, FaultKind> Kinds = Enum.GetValues<FaultKind>().ToDictionary(Fault.KindName, k => k, StringComparer.Ordinal);

    public static IReadOnlyList<Fault> Read(YamlCursor? node, FleetSpec fleet, TimeContext times, IReadOnlySet<string> receivers)
    {
        var faults = new List<Fault>();
        foreach (var item in node?.Items() ?? [])
        {
            var f = item.Map(Known);
            var kindNode = f.Required("kind");
            if (!Kinds.TryGetValue(kindNode.Text(), out var kind))
            {
                throw kindNode.Error($"not a kind of fault: \"{kindNode.Text()}\" (one of {string.Join(", ", Kinds.Keys)})");
            }
            var at = times.At(f.Required("at"));
            DateTimeOffset? until = f.Get("until") is { } u ? times.At(u) : null;
            if (until is { } end && end <= at)
            {
                throw f.Get("until")!.Error("must be after at");
            }
            var (target, detail) = kind switch
            {
                FaultKind.HostDown => (HostOf(f, fleet), null),
                FaultKind.RebootLosesMount => MountOf(f, fleet),
                FaultKind.FailingChecks => CheckOf(f, fleet),
                FaultKind.ProbeFailing => (ProbeOf(f, fleet), null),
                _ => (ReceiverOf(f, receivers), (string?)null),
            };
            faults.Add(new Fault(kind, at, until, target, detail, item.Line));
        }
        return faults;
    }

    private static string HostOf(YamlMap f, FleetSpec fleet)
    {
        var node = f.Required("host");
        return fleet.Host(node.Text()) is not null ? node.Text() : throw node.Error($"no host named \"{node.Text()}\" in fleet.hosts");
    }

    /// <summary>The check a <c>failing_checks</c> fault breaks: one of the host's mounts or services.</summary>
    private static (string, string?) CheckOf(YamlMap f, FleetSpec fleet)
    {
        var host = HostOf(f, fleet);
        var node = f.Required("check");
        var spec = fleet.Host(host)!;
        return spec.Mounts.Contains(node.Text()) || spec.Services.Contains(node.Text())
            ? (host, node.Text())
            : throw node.Error($"host {host} has no mount or service \"{node.Text()}\" (mounts: {string.Join(", ", spec.Mounts)}; services: {string.Join(", ", spec.Services)})");
    }

    private static string ReceiverOf(YamlMap f, IReadOnlySet<string> receivers)
    {
        var node = f.Required("receiver");
        return receivers.Contains(node.Text()) ? node.Text() : throw node.Error($"no receiver named \"{node.Text()}\" in vigil.receivers");
    }

    private static (string, string?) MountOf(YamlMap f, FleetSpec fleet)
    {
        var host = HostOf(f, fleet);
        var node = f.Required("mount");
        return fleet.Host(host)!.Mounts.Contains(node.Text())
            ? (host, node.Text())
            : throw node.Error($"host {host} has no mount \"{node.Text()}\" in fleet.hosts[].mounts");
    }

    private static string ProbeOf(YamlMap f, FleetSpec fleet)
    {
        var node = f.Required("probe");
        return fleet.Probes.Any(p => p.Name == node.Text()) ? node.Text() : throw node.Error($"no probe named \"{node.Text()}\" in fleet.probes");
    }
}
