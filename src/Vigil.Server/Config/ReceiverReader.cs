using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>Reads <c>receivers[]</c>. Webhook integrations and Vigil's own <c>vigil_configs</c> (paging a policy) exist; the other Alertmanager
/// integrations are named so the operator learns they are not supported rather than misspelled.</summary>
internal static class ReceiverReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { "name", "webhook_configs", "vigil_configs" };

    private static readonly IReadOnlySet<string> Unsupported = new HashSet<string>(StringComparer.Ordinal)
    {
        "email_configs", "pagerduty_configs", "slack_configs", "opsgenie_configs", "wechat_configs",
        "pushover_configs", "victorops_configs", "sns_configs", "telegram_configs", "webex_configs",
        "discord_configs", "msteams_configs",
    };

    private static readonly IReadOnlySet<string> WebhookKnown = new HashSet<string>(StringComparer.Ordinal) { "url", "send_resolved", "max_alerts" };

    private static readonly IReadOnlySet<string> WebhookUnsupported = new HashSet<string>(StringComparer.Ordinal) { "http_config", "url_file" };

    private static readonly IReadOnlySet<string> VigilKnown = new HashSet<string>(StringComparer.Ordinal) { "policy" };

    public static IReadOnlyList<ReceiverConfig> Read(YamlCursor list, IReadOnlySet<string> policies)
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
            var webhooks = (map.Get("webhook_configs")?.Items() ?? []).Select(ReadWebhook).ToList();
            var pages = (map.Get("vigil_configs")?.Items() ?? []).Select(n => ReadVigil(n, policies)).ToList();
            result.Add(new ReceiverConfig { Name = name, WebhookConfigs = webhooks, VigilConfigs = pages });
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

    private static WebhookConfig ReadWebhook(YamlCursor node)
    {
        var map = node.Map(WebhookKnown, WebhookUnsupported);
        var maxAlerts = 0L;
        if (map.Get("max_alerts") is { } maxNode)
        {
            maxAlerts = maxNode.Int();
            if (maxAlerts is < 0 or > int.MaxValue)
            {
                throw maxNode.Error($"must be between 0 and {int.MaxValue}, got {maxAlerts}");
            }
        }
        return new WebhookConfig
        {
            Url = map.Required("url").HttpUrl(),
            SendResolved = map.Get("send_resolved")?.Bool() ?? true,
            MaxAlerts = (int)maxAlerts,
        };
    }
}
