using Vigil.Server.Labels;
using Vigil.Server.Silences;

namespace Vigil.Server.Config;

/// <summary>Reads Vigil's <c>silences:</c> section; absent keys keep the defaults documented on <see cref="SilencesOptions"/>.</summary>
internal static class SilencesSettingsReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "max_duration", "customer_label", "retention",
    };

    public static SilencesOptions Read(YamlCursor? node)
    {
        var defaults = new SilencesOptions();
        if (node is null)
        {
            return defaults;
        }
        var map = node.Map(Known);
        return new SilencesOptions
        {
            MaxDuration = map.Get("max_duration") is { } max ? Positive(max) : defaults.MaxDuration,
            CustomerLabel = map.Get("customer_label") is { } label ? ReadLabel(label) : defaults.CustomerLabel,
            Retention = map.Get("retention") is { } retention ? Positive(retention) : defaults.Retention,
        };
    }

    private static TimeSpan Positive(YamlCursor node)
    {
        var d = node.Duration();
        return d > TimeSpan.Zero ? d : throw node.Error($"must be a positive duration, got {GoQuote.Quote(node.Text())}");
    }

    private static CustomerImpactLabel ReadLabel(YamlCursor node)
    {
        var text = node.Text();
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        var name = eq > 0 ? text[..eq].Trim() : "";
        var value = eq > 0 ? text[(eq + 1)..].Trim().Trim('"') : "";
        if (!LabelNames.IsValid(name) || value.Length == 0)
        {
            throw node.Error($"must be name=value such as impact=customer, got {GoQuote.Quote(text)}");
        }
        return new CustomerImpactLabel(name, value);
    }
}
