using Vigil.Server.Labels;

namespace Vigil.Server.PagerDutyApi;

/// <summary>A validated Events API v2 event: the action, the dedup key (generated for a trigger without one), and for a trigger the alert's labels and annotations.</summary>
internal sealed record PagerDutyEvent(string RoutingKey, string Action, string DedupKey, LabelSet Labels, LabelSet Annotations, DateTimeOffset? Timestamp);
