using System.Text.Json;
using Vigil.Server.Config;
using Vigil.Server.Storage;
using Vigil.Server.Templates;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// Delivers the outbox messages of receivers' integrations. The message holds Alertmanager's webhook payload (the group's
/// template data, whatever the kind), so superseding and carrying resolutions over work the same for every kind; the
/// request each kind sends is rendered here, at send time, from the receiver's current configuration, as Alertmanager
/// renders at send time. Secrets (keys, tokens, secret URLs) are therefore never written to the outbox.
/// </summary>
internal sealed class IntegrationDelivery(ConfigHolder config, HttpClients clients, IEnumerable<INotifier> notifiers, TimeProvider clock)
{
    /// <summary>The integration column of such messages is <c>receiver:KIND</c>; other messages (pages, vendors) are sent as they are.</summary>
    public const string Prefix = "receiver:";

    private readonly Dictionary<string, INotifier> _notifiers = notifiers.ToDictionary(n => n.Kind, StringComparer.Ordinal);

    /// <summary>For a configuration built without templates: parsed once, not at every send.</summary>
    private readonly Lazy<NotificationTemplates> _defaults = new(() => NotificationTemplates.Defaults(clock));

    public static string IntegrationOf(IntegrationConfig integration) => Prefix + integration.Kind;

    /// <summary>The integration name users see (GET /api/v1/notifications, metrics): <c>slack</c>, not <c>receiver:slack</c>.</summary>
    public static string Display(string integration) =>
        integration.StartsWith(Prefix, StringComparison.Ordinal) ? integration[Prefix.Length..] : integration;

    public static bool Handles(OutboxItem item) => Handles(item.Integration);

    /// <summary>Whether a message of <paramref name="integration"/> is a receiver's integration, rendered at send time.</summary>
    public static bool Handles(string integration) => integration.StartsWith(Prefix, StringComparison.Ordinal);

    public async Task<AttemptResult> SendAsync(OutboxItem item, CancellationToken ct)
    {
        var current = config.Current;
        var kind = Display(item.Integration);
        var receiver = current.FindReceiver(item.Receiver);
        if (receiver is null || item.IntegrationIndex >= receiver.Integrations.Count || receiver.Integrations[item.IntegrationIndex].Kind != kind)
        {
            return new AttemptResult(AttemptOutcome.Fail, null,
                $"receiver {item.Receiver} has no {kind} integration at index {item.IntegrationIndex} any more (configuration reloaded)");
        }
        if (!_notifiers.TryGetValue(kind, out var notifier))
        {
            return new AttemptResult(AttemptOutcome.Fail, null, $"no notifier for {kind}");
        }
        var integration = receiver.Integrations[item.IntegrationIndex];
        var (data, truncated) = notifier.UsesTemplateData ? Read(item.Payload) : (NoData, 0);
        var templates = current.NotificationTemplates ?? _defaults.Value;
        var notification = new Notification(integration, data, item.GroupKey, truncated, item.Payload, templates, clients.For(integration.Http), current.Global,
            clock.GetUtcNow());
        return await notifier.NotifyAsync(notification, ct).ConfigureAwait(false);
    }

    private static readonly TemplateData NoData =
        new("", "", new TemplateAlerts([]), TemplateKV.Empty, TemplateKV.Empty, TemplateKV.Empty, "");

    private static (TemplateData Data, int Truncated) Read(byte[] payload)
    {
        // One parse for both: the payload is Alertmanager's webhook body, template data plus truncatedAlerts.
        using var doc = JsonDocument.Parse(payload);
        var data = TemplateDataJson.Read(doc.RootElement) with { IsPointer = true };
        var truncated = doc.RootElement.TryGetProperty("truncatedAlerts", out var t) && t.TryGetInt32(out var n) ? n : 0;
        return (data, truncated);
    }
}
