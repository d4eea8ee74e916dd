using System.Globalization;
using Vigil.Server.Hosts;

namespace Vigil.Server.Config;

/// <summary>Reads Vigil's <c>hosts:</c> section; absent keys keep the defaults documented on <see cref="HostsOptions"/>.</summary>
internal static class HostsReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "down_after", "min_reboot_allowance", "reboot_percentile", "reboot_factor", "reboot_history",
    };

    public static HostsOptions Read(YamlCursor? node)
    {
        var defaults = new HostsOptions();
        if (node is null)
        {
            return defaults;
        }
        var map = node.Map(Known);
        var allowance = map.Get("min_reboot_allowance") is { } a ? a.Duration() : defaults.MinRebootAllowance;
        if (allowance <= TimeSpan.Zero)
        {
            throw map.Get("min_reboot_allowance")!.Error("must be a positive duration");
        }
        return new HostsOptions
        {
            DownAfter = (int)Whole(map, "down_after", defaults.DownAfter, 1, 1000),
            MinRebootAllowance = allowance,
            RebootPercentile = Number(map, "reboot_percentile", defaults.RebootPercentile, 1, 100),
            RebootFactor = Number(map, "reboot_factor", defaults.RebootFactor, 1, 100),
            RebootHistory = (int)Whole(map, "reboot_history", defaults.RebootHistory, 1, 1000),
        };
    }

    private static long Whole(YamlMap map, string key, long fallback, long min, long max)
    {
        if (map.Get(key) is not { } node)
        {
            return fallback;
        }
        var value = node.Int();
        return value >= min && value <= max ? value : throw node.Error($"must be a whole number from {min} to {max}");
    }

    private static double Number(YamlMap map, string key, double fallback, double min, double max)
    {
        if (map.Get(key) is not { } node)
        {
            return fallback;
        }
        return double.TryParse(node.Text(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v : throw node.Error($"must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}");
    }
}
