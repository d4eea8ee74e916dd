using Vigil.Server.Config;
using Vigil.Server.Templates;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// Everything one integration needs to send one message: its configuration, the template data of the group (from the
/// outbox message, which holds Alertmanager's webhook payload), the templates, and the HTTP client of its <c>http_config</c>.
/// </summary>
internal sealed record Notification(
    IntegrationConfig Config,
    TemplateData Data,
    string GroupKey,
    int TruncatedAlerts,
    byte[] WebhookPayload,
    NotificationTemplates Templates,
    HttpClient Http,
    GlobalConfig Global,
    DateTimeOffset Now)
{
    /// <summary>Alertmanager's key.Hash(): the SHA-256 of the group key in hex, the dedup key of PagerDuty, Opsgenie and others.</summary>
    public string GroupKeyHash => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(GroupKey)));
}
