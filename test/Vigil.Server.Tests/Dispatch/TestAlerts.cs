using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Dispatch;

internal static class TestAlerts
{
    public static readonly DateTimeOffset T0 = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public static Alert Firing(DateTimeOffset startsAt, params (string, string)[] labels) =>
        new(LabelSet.Of(labels), AnnotationSet.Empty, startsAt, startsAt.AddHours(1), "", startsAt, Timeout: true);

    public static Alert Resolved(Alert alert, DateTimeOffset endsAt) =>
        alert with { EndsAt = endsAt, UpdatedAt = endsAt, Timeout = false };
}
