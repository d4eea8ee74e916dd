using Vigil.Drill.Simulation;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Drill.Scenarios;

/// <summary>
/// Reads <c>responders:</c>: each person (from Vigil's <c>people</c>), how long they take to acknowledge, and their
/// acts — each with <c>at</c> or <c>after: {EVENT: DELAY}</c> and one act key.
/// </summary>
internal static class RespondersReader
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "person", "ack_after", "acts" };

    private static readonly HashSet<string> ActKnown = new(StringComparer.Ordinal)
    {
        "at", "after", "silence", "ack", "approve", "run_plan", "vendor_ticket", "mount", "reboot", "restart",
    };

    private static readonly HashSet<string> SilenceKnown = new(StringComparer.Ordinal) { "matchers", "for", "comment" };
    private static readonly HashSet<string> MountKnown = new(StringComparer.Ordinal) { "host", "mount" };
    private static readonly HashSet<string> RestartKnown = new(StringComparer.Ordinal) { "host", "service", "takes" };

    private static readonly Dictionary<string, ActEvent> Events = new(StringComparer.Ordinal)
    {
        ["paged"] = ActEvent.Paged,
        ["acknowledged"] = ActEvent.Acknowledged,
        ["incident_opened"] = ActEvent.IncidentOpened,
        ["approval_requested"] = ActEvent.ApprovalRequested,
    };

    public static IReadOnlyList<Responder> Read(YamlCursor? node, FleetSpec fleet, VigilConfig vigil, TimeContext times)
    {
        var result = new List<Responder>();
        foreach (var item in node?.Items() ?? [])
        {
            var r = item.Map(Known);
            var personNode = r.Required("person");
            var person = personNode.Text();
            if (!vigil.Oncall.People.ContainsKey(person))
            {
                throw personNode.Error($"no person named \"{person}\" in vigil.people");
            }
            if (result.Any(x => x.Person == person))
            {
                throw personNode.Error($"{person} is described twice");
            }
            var ack = Distribution.Never;
            if (r.Get("ack_after") is { } ackNode)
            {
                ack = Distribution.TryParse(ackNode.Text(), out var error) ?? throw ackNode.Error(error!);
            }
            var acts = (r.Get("acts")?.Items() ?? []).Select(a => Act(a, fleet, vigil, times)).ToList();
            result.Add(new Responder(person, ack, acts));
        }
        return result;
    }

    private static ResponderAct Act(YamlCursor node, FleetSpec fleet, VigilConfig vigil, TimeContext times)
    {
        var a = node.Map(ActKnown);
        var trigger = Trigger(a, times);
        var kinds = ActKnown.Where(k => k is not "at" and not "after" && a.Has(k)).ToList();
        if (kinds.Count != 1)
        {
            throw node.Error(kinds.Count == 0
                ? "says nothing to do: give one of silence, ack, approve, run_plan, vendor_ticket, mount, reboot, restart"
                : $"does {string.Join(" and ", kinds)} at once: one act per entry");
        }
        var key = kinds[0];
        var value = a.Required(key);
        var act = new ResponderAct(trigger, ActKind.Ack, node.Line);
        return key switch
        {
            "silence" => Silence(act, value),
            "ack" => act,
            "approve" => act with { Kind = ActKind.Approve },
            "run_plan" => vigil.Plans.Definitions.Any(p => p.Name == value.Text())
                ? act with { Kind = ActKind.RunPlan, Name = value.Text() }
                : throw value.Error($"no plan named \"{value.Text()}\" in vigil.plans.definitions"),
            "vendor_ticket" => VendorTicket(act, value, vigil),
            "reboot" => act with { Kind = ActKind.Reboot, Host = Host(value, fleet) },
            "mount" => Mount(act, value, fleet),
            _ => Restart(act, value, fleet),
        };
    }

    private static ActTrigger Trigger(YamlMap a, TimeContext times)
    {
        if (a.Get("at") is { } at)
        {
            return a.Has("after") ? throw at.Error("give at or after, not both") : ActTrigger.Once(times.At(at));
        }
        var after = a.Get("after") ?? throw a.Owner.Error("needs at (a time) or after ({paged|acknowledged|incident_opened|approval_requested: DELAY})");
        var entries = after.Entries();
        if (entries.Count != 1 || !Events.TryGetValue(entries[0].Key, out var ev))
        {
            throw after.Error("expected one of paged, acknowledged, incident_opened, approval_requested, with a delay (after: {acknowledged: 40m})");
        }
        return new ActTrigger(null, ev, entries[0].Value.Duration());
    }

    private static ResponderAct Silence(ResponderAct act, YamlCursor node)
    {
        var s = node.Map(SilenceKnown);
        var matchersNode = s.Required("matchers");
        var matchers = new List<Matcher>();
        foreach (var m in matchersNode.Items())
        {
            try
            {
                matchers.AddRange(MatcherParser.ParseList(m.Text()));
            }
            catch (FormatException e)
            {
                throw m.Error(e.Message);
            }
        }
        return act with
        {
            Kind = ActKind.Silence,
            Matchers = matchers,
            For = FleetReader.Positive(s.Get("for")) ?? TimeSpan.FromHours(2),
            Comment = s.Get("comment")?.Text() ?? "",
        };
    }

    private static readonly HashSet<string> VendorKnown = new(StringComparer.Ordinal) { "vendor", "responds_after" };

    /// <summary><c>vendor_ticket: NAME</c>, or <c>{vendor: NAME, responds_after: 40m}</c> (when the vendor answers; default never).</summary>
    private static ResponderAct VendorTicket(ResponderAct act, YamlCursor node, VigilConfig vigil)
    {
        var (nameNode, after) = node.Node is YamlDotNet.RepresentationModel.YamlScalarNode
            ? (node, null)
            : node.Map(VendorKnown) is var m ? (m.Required("vendor"), FleetReader.Positive(m.Get("responds_after"))) : default;
        return vigil.Vendors.Any(v => v.Name == nameNode.Text())
            ? act with { Kind = ActKind.VendorTicket, Name = nameNode.Text(), For = after ?? TimeSpan.Zero }
            : throw nameNode.Error($"no vendor named \"{nameNode.Text()}\" in vigil.vendors");
    }

    private static ResponderAct Mount(ResponderAct act, YamlCursor node, FleetSpec fleet)
    {
        var m = node.Map(MountKnown);
        var host = Host(m.Required("host"), fleet);
        var mount = m.Required("mount");
        return fleet.Host(host)!.Mounts.Contains(mount.Text())
            ? act with { Kind = ActKind.Mount, Host = host, Name = mount.Text() }
            : throw mount.Error($"host {host} has no mount \"{mount.Text()}\"");
    }

    private static ResponderAct Restart(ResponderAct act, YamlCursor node, FleetSpec fleet)
    {
        var r = node.Map(RestartKnown);
        var host = Host(r.Required("host"), fleet);
        return act with
        {
            Kind = ActKind.Restart,
            Host = host,
            Name = r.Required("service").Text(),
            For = FleetReader.Positive(r.Get("takes")) ?? TimeSpan.FromMinutes(1),
        };
    }

    private static string Host(YamlCursor node, FleetSpec fleet) =>
        fleet.Host(node.Text()) is not null ? node.Text() : throw node.Error($"no host named \"{node.Text()}\" in fleet.hosts");
}
