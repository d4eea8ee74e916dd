using Vigil.Contracts.Agents;
using Vigil.Server.Config;

namespace Vigil.Server.Actions;

/// <summary>Reads the <c>agent_actions:</c> section; absent keys keep the defaults documented on <see cref="ActionsOptions"/>.</summary>
internal static class ActionsConfigReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "default_expiry", "reboot_actions", "reboot_timeout", "result_timeout",
    };

    public static ActionsOptions Read(YamlCursor? node)
    {
        var defaults = new ActionsOptions();
        if (node is null || node.IsNull)
        {
            return defaults;
        }
        var map = node.Map(Known);
        var expiry = Positive(map.Get("default_expiry"), defaults.DefaultExpiry);
        if (expiry > ActionsOptions.MaxExpiry)
        {
            throw map.Get("default_expiry")!.Error($"must be at most {ActionsOptions.MaxExpiry.TotalMinutes:0}m");
        }
        var reboots = defaults.RebootActions;
        if (map.Get("reboot_actions") is { } list)
        {
            reboots = list.Items().Select(i => ActionNames.IsValid(i.Text()) ? i.Text() : throw i.Error("an action name is " + ActionNames.Rule))
                .ToHashSet(StringComparer.Ordinal);
        }
        return new ActionsOptions
        {
            DefaultExpiry = expiry,
            RebootActions = reboots,
            RebootTimeout = Positive(map.Get("reboot_timeout"), defaults.RebootTimeout),
            ResultTimeout = Positive(map.Get("result_timeout"), defaults.ResultTimeout),
        };
    }

    private static TimeSpan Positive(YamlCursor? node, TimeSpan fallback)
    {
        if (node is null)
        {
            return fallback;
        }
        var value = node.Duration();
        return value > TimeSpan.Zero ? value : throw node.Error("must be a positive duration");
    }
}
