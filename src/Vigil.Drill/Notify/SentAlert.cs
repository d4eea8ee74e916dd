using Vigil.Server.Labels;

namespace Vigil.Drill.Notify;

/// <summary>
/// An alert as a sender posts it to <c>POST /api/v2/alerts</c>: no <see cref="StartsAt"/> means the time it arrives,
/// no <see cref="EndsAt"/> means it resolves <c>global.resolve_timeout</c> after it arrives (as Vigil and Alertmanager read it).
/// </summary>
internal sealed record SentAlert(LabelSet Labels, DateTimeOffset? StartsAt = null, DateTimeOffset? EndsAt = null, AnnotationSet Annotations = default);
