using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Probes;

/// <summary>The <c>ProbeFailed</c> alert of a probe: its labels plus <c>alertname</c> and <c>probe</c>, the failure in annotations.</summary>
public static class ProbeAlerts
{
    public const string AlertName = "ProbeFailed";

    public static LabelSet LabelsOf(ProbeDefinition probe) =>
        LabelSet.From(probe.Labels.Where(p => p.Key is not ("alertname" or "probe"))
            .Append(KeyValuePair.Create("alertname", AlertName))
            .Append(KeyValuePair.Create("probe", probe.Name)));

    /// <summary>Firing: its end is a resolve timeout, renewed while the probe stays down.</summary>
    public static Alert Firing(ProbeDefinition probe, string reason, DateTimeOffset startsAt, DateTimeOffset now, TimeSpan resolveTimeout) =>
        new(LabelsOf(probe), Annotations(probe, reason), startsAt, now + resolveTimeout, "", now, Timeout: true);

    /// <summary>Resolved now, with an explicit end.</summary>
    public static Alert Resolved(ProbeDefinition probe, string reason, DateTimeOffset startsAt, DateTimeOffset now) =>
        new(LabelsOf(probe), Annotations(probe, reason), startsAt, now, "", now, Timeout: false);

    private static AnnotationSet Annotations(ProbeDefinition probe, string reason) => AnnotationSet.From(LabelSet.From(
        [
            KeyValuePair.Create("summary", $"{probe.Kind} probe {probe.Name} ({probe.Target}) is down"),
            KeyValuePair.Create("reason", reason),
        ], keepEmptyValues: false));
}
