namespace Vigil.Server.Notify.Integrations;

/// <summary>Delivers one notification of a receiver's integration of <see cref="Kind"/> (Alertmanager's integration name).</summary>
internal interface INotifier
{
    string Kind { get; }

    /// <summary>Whether it reads <see cref="Notification.Data"/>; a webhook posts the stored payload and skips parsing it.</summary>
    bool UsesTemplateData => true;

    /// <summary>Sends <paramref name="notification"/>; the outcome decides retry (5xx, 429, network) or give up (other 4xx, bad config).</summary>
    Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct);
}
