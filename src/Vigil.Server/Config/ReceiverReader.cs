using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>Reads <c>receivers[]</c>: every Alertmanager integration kind with a reader in <see cref="IntegrationReaders"/>, and Vigil's own
/// <c>vigil_configs</c> (paging a policy). A kind without a reader is refused as not supported rather than ignored.</summary>
internal static class ReceiverReader
{
    private static readonly IReadOnlySet<string> Known =
        new HashSet<string>(IntegrationReaders.Readers.Keys.Append("name").Append("vigil_configs"), StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> Unsupported =
        new HashSet<string>(IntegrationReaders.Order.Where(k => !IntegrationReaders.Readers.ContainsKey(k)), StringComparer.Ordinal);

    private static readonly IReadOnlySet<string> VigilKnown = new HashSet<string>(StringComparer.Ordinal) { "policy" };

    public static IReadOnlyList<ReceiverConfig> Read(YamlCursor list, IReadOnlySet<string> policies, GlobalConfig global)
    {
        var result = new List<ReceiverConfig>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.Items())
        {
            var map = item.Map(Known, Unsupported);
            var nameNode = map.Required("name");
            var name = nameNode.Text();
            if (name.Length == 0)
            {
                throw nameNode.Error("missing name in receiver");
            }
            if (!names.Add(name))
            {
                throw nameNode.Error($"notification config name {GoQuote.Quote(name)} is not unique");
            }
            var integrations = new List<IntegrationConfig>();
            foreach (var kind in IntegrationReaders.Order)
            {
                if (IntegrationReaders.Readers.TryGetValue(kind, out var reader))
                {
                    integrations.AddRange((map.Get(kind)?.Items() ?? []).Select(n => reader(n, global)));
                }
            }
            var pages = (map.Get("vigil_configs")?.Items() ?? []).Select(n => ReadVigil(n, policies)).ToList();
            result.Add(new ReceiverConfig { Name = name, Integrations = integrations, VigilConfigs = pages });
        }
        return result;
    }

    private static Escalation.VigilPageConfig ReadVigil(YamlCursor node, IReadOnlySet<string> policies)
    {
        var policy = node.Map(VigilKnown).Required("policy");
        return policies.Contains(policy.Text())
            ? new Escalation.VigilPageConfig(policy.Text())
            : throw policy.Error($"undefined escalation policy {GoQuote.Quote(policy.Text())}");
    }
}
