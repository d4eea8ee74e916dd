using YamlDotNet.RepresentationModel;

namespace Vigil.Server.Config;

/// <summary>
/// The part of a Vigil configuration that Alertmanager's own parser accepts: what <c>GET /api/v2/status</c> shows as
/// <c>config.original</c>, so that <c>amtool config show|routes|routes test</c> work with any Vigil configuration.
/// Alertmanager refuses unknown fields (<c>field people not found in type config.plain</c>), so Vigil's own top-level
/// sections and receiver types are left out; the full configuration is at <c>GET /api/v1/config</c>.
/// A text without Vigil-only keys is returned as written (comments kept); otherwise the YAML is written anew from the
/// parsed document without them, as Alertmanager itself re-marshals its configuration.
/// </summary>
internal static class AlertmanagerConfigView
{
    /// <summary>The top-level keys of Alertmanager's configuration.</summary>
    private static readonly IReadOnlySet<string> TopKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "global", "route", "receivers", "inhibit_rules", "time_intervals", "mute_time_intervals", "templates",
    };

    /// <summary>The keys of an Alertmanager 0.25 receiver. <c>msteams_configs</c> (from 0.26) is left out: amtool 0.25 refuses it.</summary>
    private static readonly IReadOnlySet<string> ReceiverKeys = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "email_configs", "pagerduty_configs", "slack_configs", "webhook_configs", "opsgenie_configs", "wechat_configs",
        "pushover_configs", "victorops_configs", "sns_configs", "telegram_configs", "discord_configs", "webex_configs",
    };

    /// <summary>The Alertmanager part of <paramref name="yaml"/> (already redacted: secrets are never re-read here).</summary>
    public static string Extract(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return yaml; // the loader accepted the original; a redacted text that no longer parses is shown as it is
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return yaml;
        }
        var removed = RemoveUnknown(root, TopKeys);
        if (root.Children.TryGetValue(new YamlScalarNode("receivers"), out var receivers) && receivers is YamlSequenceNode list)
        {
            foreach (var receiver in list.Children.OfType<YamlMappingNode>())
            {
                removed |= RemoveUnknown(receiver, ReceiverKeys);
            }
        }
        if (!removed)
        {
            return yaml;
        }
        var writer = new StringWriter();
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // YamlStream ends a document with "...": Alertmanager's parser accepts it, but it reads better without.
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static bool RemoveUnknown(YamlMappingNode mapping, IReadOnlySet<string> known)
    {
        var unknown = mapping.Children.Keys.Where(k => k is not YamlScalarNode { Value: { } name } || !known.Contains(name)).ToList();
        foreach (var key in unknown)
        {
            mapping.Children.Remove(key);
        }
        return unknown.Count > 0;
    }
}
