using Vigil.Server.Alerts;
using Vigil.Server.Labels;
using Vigil.Server.Maintenance;
using Vigil.Server.Silences;

namespace Vigil.Server.Web.Alerts;

/// <summary>
/// Names what the status's ids point at, for the rows shown: the silences (comment, creator), the maintenance
/// windows and the inhibiting alerts, and the silences that would mute the alert but wait for approval.
/// </summary>
public sealed class AlertReasons
{
    private readonly SilenceSet _silences;
    private readonly WindowSet _windows;
    private readonly AlertState _alerts;
    private readonly CustomerImpactLabel _customer;

    internal AlertReasons(SilenceSet silences, WindowSet windows, AlertState alerts, CustomerImpactLabel customer)
    {
        _silences = silences;
        _windows = windows;
        _alerts = alerts;
        _customer = customer;
    }

    public IReadOnlyList<Silence> SilencedBy(AlertStatus status) =>
        [.. status.SilencedBy.Select(_silences.Get).OfType<Silence>()];

    public IReadOnlyList<(string Id, MaintenanceWindow? Window)> MutedBy(AlertStatus status) =>
        [.. status.WindowIds.Select(id => (id, _windows.Get(id)))];

    /// <summary>The inhibiting alerts (null when it resolved and was collected since).</summary>
    public IReadOnlyList<(string Fingerprint, Alert? Alert)> InhibitedBy(AlertStatus status) =>
        [.. status.InhibitedBy.Select(f => (f, Fingerprint.TryParse(f, out var fp) ? _alerts.Get(fp) : null))];

    /// <summary>Active silences matching this customer-impact alert that mute it only once a second person approves.</summary>
    public IReadOnlyList<Silence> HeldBackBy(Alert alert, DateTimeOffset now) =>
        _customer.IsOn(alert.Labels) ? [.. _silences.All.Where(s => SilenceRules.HoldsBack(s, alert.Labels, now, _customer))] : [];

    public bool IsCustomerImpact(Alert alert) => _customer.IsOn(alert.Labels);

    /// <summary>A filter for the alert list that shows exactly this alert (its whole label set).</summary>
    public static string FilterFor(LabelSet labels) => AmtoolFilter.Format(labels.Select(l => Matcher.Equal(l.Key, l.Value)));
}
