using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Vigil.Server.Config;
using Vigil.Server.Oncall;

namespace Vigil.Bench;

/// <summary>
/// <c>oncall</c>: who-is-on-call queries against a 3-layer schedule (a weekly base rotation, a daily follow-the-sun day
/// layer, a weekend layer) with config and API overrides, in-process through <see cref="OnCallLookup"/> (target ≤ 10 µs).
/// </summary>
internal static class OnCallBench
{
    private const string Yaml = """
        route: {receiver: none}
        receivers: [{name: none}]
        people:
          - {name: ann}
          - {name: ben}
          - {name: cat}
          - {name: dov}
          - {name: eve}
          - {name: fay}
        schedules:
          - name: primary
            time_zone: America/Los_Angeles
            layers:
              - {name: base, members: [ann, ben, cat, dov], rotation: 1w, handoff: "09:00", start: 2026-01-05}
              - name: day
                members: [eve, fay, ann]
                rotation: 1d
                handoff: "08:00"
                start: 2026-01-01
                time_zone: Europe/Berlin
                restrictions: [{daily: "08:00-18:00"}]
              - name: weekend
                members: [cat, ben]
                rotation: 12h
                handoff: "07:00"
                start: 2026-01-03
                restrictions: [{weekly: "Sat 07:00-Mon 07:00"}]
            overrides:
              - {person: fay, from: 2026-06-01T00:00:00Z, to: 2026-06-03T00:00:00Z}
        """;

    public static int Run(CommandArgs a)
    {
        var queries = a.Int("queries", 1_000_000);
        a.RejectUnknown();
        var config = new ConfigHolder(ConfigLoader.Load(Yaml, "bench"), null);
        var overrides = new OverrideSet();
        var clock = TimeProvider.System;
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        overrides.Replace([.. Enumerable.Range(0, 20).Select(i => new ScheduleOverride($"o{i}", "primary", i % 2 == 0 ? "dov" : "eve",
            now + Duration.FromHours(i * 30), now + Duration.FromHours((i * 30) + 6), ScheduleOverride.FromApi, "bench", now, ""))]);
        var lookup = new OnCallLookup(config, overrides, clock);
        var random = new Random(7);
        var times = Enumerable.Range(0, 4096).Select(_ => clock.GetUtcNow().AddMinutes(random.Next(30 * 24 * 60))).ToArray();

        var sw = Stopwatch.StartNew();
        lookup.OnCallAt("primary", times[0]);
        var first = sw.Elapsed;
        var found = 0;
        for (var i = 0; i < 10_000; i++)
        {
            found += lookup.OnCallAt("primary", times[i & 4095]).Count;
        }
        sw.Restart();
        for (var i = 0; i < queries; i++)
        {
            found += lookup.OnCallAt("primary", times[i & 4095]).Count;
        }
        var cached = sw.Elapsed.TotalMicroseconds / queries;

        var schedule = config.Current.Oncall.FindSchedule("primary")!;
        var all = overrides.For(schedule);
        var uncachedRuns = Math.Max(1, queries / 100);
        sw.Restart();
        for (var i = 0; i < uncachedRuns; i++)
        {
            found += ScheduleRenderer.At(schedule, all, Instant.FromDateTimeOffset(times[i & 4095])) is null ? 0 : 1;
        }
        var uncached = sw.Elapsed.TotalMicroseconds / uncachedRuns;

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"oncall: 3 layers, {all.Count} overrides, {queries} queries at random instants in the next 30 days ({found} answers)");
        Console.WriteLine(string.Create(inv, $"  first query (renders and caches 37 days of shifts): {first.TotalMilliseconds:F2} ms"));
        Console.WriteLine(string.Create(inv, $"  who is on call, cached (binary search):             {cached:F3} µs/query  (target ≤ 10 µs)"));
        Console.WriteLine(string.Create(inv, $"  who is on call, rendered for the instant (no cache): {uncached:F3} µs/query"));
        return cached <= 10 ? 0 : 1;
    }
}
