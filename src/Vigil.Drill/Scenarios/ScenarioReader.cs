using NodaTime;
using Vigil.Server.Config;

namespace Vigil.Drill.Scenarios;

/// <summary>
/// Reads a scenario file (docs/drills.md). Errors name the file, the line and the key, as the server's configuration
/// errors do (<c>night.yaml:14: faults[2].until: not a time: "25:00"</c>); unknown keys are refused.
/// </summary>
internal static class ScenarioReader
{
    private static readonly HashSet<string> TopKnown = new(StringComparer.Ordinal)
    {
        "name", "description", "zone", "start", "duration", "seed", "fleet", "vigil", "faults", "responders", "policy", "expect", "modes",
    };

    private static readonly HashSet<string> ModeKnown = new(StringComparer.Ordinal) { "description", "policy", "faults", "responders", "expect" };

    /// <summary>Reads the scenario in <paramref name="text"/>; <paramref name="source"/> names it in errors and anchors a
    /// relative <c>vigil:</c> path (its folder).</summary>
    /// <exception cref="ConfigException">The scenario is not valid.</exception>
    public static Scenario Read(string text, string source, string? folder = null)
    {
        var root = ConfigLoader.ParseYaml(text, source) ?? throw new ConfigException(source, 0, "", "the scenario is empty");
        var top = root.Map(TopKnown);
        var zone = Zone(top.Get("zone"));
        var start = ScenarioTimes.Start(top.Required("start"), zone);
        var duration = top.Required("duration").Duration();
        if (duration <= TimeSpan.Zero)
        {
            throw top.Required("duration").Error("must be longer than 0s");
        }
        var fleet = FleetReader.Read(top.Get("fleet"));
        var vigil = VigilSection.Read(top.Get("vigil"), text, folder);
        CheckPools(fleet, vigil, top.Get("vigil") ?? top.Owner);
        var times = new TimeContext(zone, start);
        var receivers = vigil.Receivers.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var modes = new Dictionary<string, ScenarioMode>(StringComparer.Ordinal);
        foreach (var (name, node) in top.Get("modes")?.Entries() ?? [])
        {
            var m = node.Map(ModeKnown);
            modes[name] = new ScenarioMode(
                m.Get("description")?.Text(),
                m.Get("policy") is { } p ? PolicyReader.Read(p) : null,
                m.Has("faults") ? FaultsReader.Read(m.Get("faults"), fleet, times, receivers) : null,
                m.Has("responders") ? RespondersReader.Read(m.Get("responders"), fleet, vigil, times) : null,
                m.Has("expect") ? ExpectReader.Read(m.Get("expect")) : null);
        }
        return new Scenario
        {
            Name = top.Required("name").Text(),
            Description = top.Get("description")?.Text() ?? "",
            Zone = zone,
            Start = start,
            Duration = duration,
            Seed = top.Get("seed") is { } seed ? checked((int)seed.Int()) : 1,
            Fleet = fleet,
            Vigil = vigil,
            Faults = FaultsReader.Read(top.Get("faults"), fleet, times, receivers),
            Responders = RespondersReader.Read(top.Get("responders"), fleet, vigil, times),
            Policy = top.Get("policy") is { } policy ? PolicyReader.Read(policy) : PolicyToggles.AllOn,
            Expect = ExpectReader.Read(top.Get("expect")),
            Modes = modes,
            Source = source,
        };
    }

    /// <summary>Reads the scenario file at <paramref name="path"/>.</summary>
    public static Scenario ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "", $"cannot read the scenario: {e.Message}", e);
        }
        return Read(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Each pool of Vigil's configuration is simulated by the fleet's pool of that name, with the same hosts.</summary>
    private static void CheckPools(FleetSpec fleet, VigilConfig vigil, YamlCursor at)
    {
        foreach (var pool in vigil.Pools)
        {
            var simulated = fleet.Pool(pool.Name)
                ?? throw at.Error($"pool {pool.Name} of the configuration has no simulated pool: add fleet.pools[] with name {pool.Name}");
            var hosts = pool.Members.Select(m => m.Host).Order(StringComparer.Ordinal).ToList();
            if (!hosts.SequenceEqual(simulated.Members.Order(StringComparer.Ordinal)))
            {
                throw at.Error($"pool {pool.Name}: the configuration's members ({string.Join(", ", hosts)}) are not the fleet's ({string.Join(", ", simulated.Members)})");
            }
        }
    }

    private static DateTimeZone Zone(YamlCursor? node)
    {
        if (node is null)
        {
            return DateTimeZone.Utc;
        }
        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(node.Text())
            ?? throw node.Error($"not a time zone: \"{node.Text()}\" (an IANA name such as America/Los_Angeles)");
    }
}

/// <summary>The zone and start that relative and wall-clock times in a scenario are read against.</summary>
internal sealed record TimeContext(DateTimeZone Zone, DateTimeOffset Start)
{
    public DateTimeOffset At(YamlCursor node) => ScenarioTimes.At(node, Zone, Start);
}
