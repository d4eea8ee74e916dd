using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.StatusPage;

/// <summary>Reads <c>status_page:</c>: <c>name</c>, <c>url</c>, <c>time_zone</c> and <c>components</c> (each a unique
/// <c>name</c>, an optional <c>description</c>, and at least one of <c>probes</c> (names) or <c>matchers</c>).</summary>
internal static class StatusPageConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "name", "url", "time_zone", "components" };

    private static readonly IReadOnlySet<string> ComponentKnown = new HashSet<string>(StringComparer.Ordinal) { "name", "description", "probes", "matchers" };

    public static StatusPageOptions Read(YamlCursor? node, IReadOnlySet<string> probeNames)
    {
        if (node is null)
        {
            return new StatusPageOptions();
        }
        var map = node.Map(Known);
        var options = new StatusPageOptions();
        if (map.Get("name") is { } name)
        {
            options = options with { Name = name.Text().Trim() is { Length: > 0 and <= 200 } n ? n : throw name.Error("must be 1 to 200 characters") };
        }
        if (map.Get("url") is { } url)
        {
            url.HttpUrl();
            options = options with { Url = url.Text().Trim() };
        }
        if (map.Get("time_zone") is { } zone)
        {
            var z = zone.Text().Trim();
            options = options with { TimeZone = Oncall.OnCallTime.Zone(z) is not null ? z : throw zone.Error($"not an IANA time zone such as America/Los_Angeles: \"{z}\"") };
        }
        var components = new List<StatusComponent>();
        foreach (var item in map.Get("components")?.Items() ?? [])
        {
            var c = item.Map(ComponentKnown);
            var nameNode = c.Required("name");
            var componentName = nameNode.Text().Trim();
            if (componentName.Length is 0 or > 200)
            {
                throw nameNode.Error("must be 1 to 200 characters");
            }
            if (components.Any(x => x.Name == componentName))
            {
                throw nameNode.Error($"duplicate component name \"{componentName}\"");
            }
            var probes = c.Get("probes")?.Strings().Select(p => p.Trim()).ToList() ?? [];
            if (probes.FirstOrDefault(p => !probeNames.Contains(p)) is { } unknown)
            {
                throw c.Get("probes")!.Error($"no probe \"{unknown}\" in probes: (a component bound to nothing would stay green)");
            }
            var matchers = new List<IReadOnlyList<Matcher>>();
            foreach (var m in c.Get("matchers")?.Items() ?? [])
            {
                try
                {
                    matchers.Add(MatcherParser.ParseList(m.Text()));
                }
                catch (FormatException e)
                {
                    throw m.Error(e.Message, e);
                }
            }
            if (probes.Count == 0 && matchers.Count == 0)
            {
                throw item.Error("bind the component to detection: give probes (names of probes) or matchers (alert matchers), or both");
            }
            components.Add(new StatusComponent(componentName, c.Get("description")?.Text().Trim() ?? "", probes, matchers, components.Count + 1));
        }
        return options with { Components = components };
    }
}
