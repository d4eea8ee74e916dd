using Vigil.Server.Labels;
using Vigil.Server.PagerDutyApi;

namespace Vigil.Server.Config;

/// <summary>Reads <c>pagerduty: {routing_keys: {KEY: {policy: P} | {route_labels: {name: value}}, key_group: G}}</c>.</summary>
internal static partial class PagerDutyReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "routing_keys" };

    private static readonly IReadOnlySet<string> KeyKnown = new HashSet<string>(StringComparer.Ordinal) { "policy", "route_labels", "key_group" };

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex GroupName();

    public static PagerDutyOptions Read(YamlCursor? node, IReadOnlySet<string> policies)
    {
        if (node is null)
        {
            return new PagerDutyOptions();
        }
        var map = node.Map(Known);
        var keys = new Dictionary<string, RoutingKeyTarget>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Get("routing_keys")?.Entries() ?? [])
        {
            var target = value.Map(KeyKnown);
            var policy = target.Get("policy")?.Text();
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, labelValue) in target.Get("route_labels")?.Entries() ?? [])
            {
                if (!LabelNames.IsValid(name))
                {
                    throw labelValue.Error($"invalid label name {GoQuote.Quote(name)}");
                }
                labels[name] = labelValue.Text();
            }
            if ((policy is null) == (labels.Count == 0))
            {
                throw value.Error("a routing key maps to exactly one of {policy: NAME} or {route_labels: {...}}");
            }
            if (policy is not null && !policies.Contains(policy))
            {
                throw target.Get("policy")!.Error($"undefined escalation policy {GoQuote.Quote(policy)}");
            }
            keys[key] = new RoutingKeyTarget(policy, labels, ReadGroup(target.Get("key_group")));
        }
        return new PagerDutyOptions { RoutingKeys = keys };
    }

    private static string? ReadGroup(YamlCursor? node)
    {
        if (node is null)
        {
            return null;
        }
        var name = node.Text();
        if (!GroupName().IsMatch(name))
        {
            throw node.Error($"must be 1 to 64 letters, digits, '_', '.' or '-', got {GoQuote.Quote(name)}");
        }
        return name.StartsWith(RoutingKeyTarget.OwnGroupPrefix, StringComparison.Ordinal)
            ? throw node.Error($"names starting with {GoQuote.Quote(RoutingKeyTarget.OwnGroupPrefix)} are kept for keys without a key_group")
            : name;
    }
}
