namespace Vigil.Server.Incidents;

/// <summary>
/// Something linked to an incident: an alert (<see cref="Ref"/> = fingerprint), a page (its id), a maintenance window (its
/// id) or a plan run (its id, opaque). For alerts, <see cref="Label"/> is the alert name, <see cref="Customer"/> whether
/// it is labelled <c>impact="customer"</c>, <see cref="Labels"/> its label set (kept so silences and hosts can be matched
/// after the alert is gone), and <see cref="StartedAt"/>/<see cref="EndedAt"/> when it fired and resolved.
/// </summary>
public sealed record IncidentLink(
    string Kind,
    string Ref,
    string Label,
    Labels.LabelSet Labels,
    bool Customer,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset LinkedAt)
{
    public const string Alert = "alert";
    public const string Page = "page";
    public const string Window = "window";
    public const string PlanRun = "plan_run";
}
