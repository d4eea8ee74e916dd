namespace Vigil.Server.PagerDutyApi;

/// <summary>The <c>pagerduty:</c> section: which routing keys are accepted by <c>POST /v2/enqueue</c> and where their events go.</summary>
public sealed record PagerDutyOptions
{
    /// <summary>Routing key → what it maps to. Default: none (every event is refused).</summary>
    public IReadOnlyDictionary<string, RoutingKeyTarget> RoutingKeys { get; init; } = new Dictionary<string, RoutingKeyTarget>();
}
