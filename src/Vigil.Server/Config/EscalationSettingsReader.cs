using Vigil.Server.Escalation;
using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>Reads <c>escalation: {link_ttl, poll_interval}</c>.</summary>
internal static class EscalationSettingsReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "link_ttl", "poll_interval" };

    public static EscalationOptions Read(YamlCursor? node)
    {
        var defaults = new EscalationOptions();
        if (node is null)
        {
            return defaults;
        }
        var map = node.Map(Known);
        return new EscalationOptions
        {
            LinkTtl = map.Get("link_ttl") is { } ttl ? Positive(ttl) : defaults.LinkTtl,
            PollInterval = map.Get("poll_interval") is { } poll ? Positive(poll) : defaults.PollInterval,
        };
    }

    private static TimeSpan Positive(YamlCursor node)
    {
        var d = node.Duration();
        return d > TimeSpan.Zero ? d : throw node.Error($"must be a positive duration, got {GoQuote.Quote(node.Text())}");
    }
}
