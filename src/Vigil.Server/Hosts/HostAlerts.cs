using System.Globalization;
using Vigil.Contracts.Agents;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Hosts;

/// <summary>The alerts hosts raise. Firing ones carry no end (they fire until the host says otherwise); resolving sets the end to now.</summary>
public static class HostAlerts
{
    public const string CheckFailed = "HostCheckFailed";
    public const string PostBootCheckFailed = "PostBootCheckFailed";
    public const string Down = "HostDown";
    public const string RebootNonRoutine = "RebootNonRoutine";

    /// <summary>The end of an alert that fires until resolved by its source.</summary>
    public static readonly DateTimeOffset Open = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static Alert ForCheck(string alertname, string host, CheckResult check, DateTimeOffset now, bool firing)
    {
        var labels = new List<KeyValuePair<string, string>>
        {
            new("alertname", alertname),
            new("host", host),
            new("check", check.Check),
            new("severity", alertname == PostBootCheckFailed ? "critical" : "warning"),
        };
        labels.AddRange(check.Subject);
        var annotations = new List<KeyValuePair<string, string>> { new("summary", check.Message) };
        if (alertname == PostBootCheckFailed)
        {
            annotations.Add(new("description", $"{host} failed a check in its first reports after a reboot: {check.Message}"));
        }
        annotations.AddRange((check.Details ?? new Dictionary<string, string>()).Where(d => d.Key is not ("summary" or "description")));
        return Make(LabelSet.From(labels), LabelSet.From(annotations), now, firing);
    }

    public static Alert HostDown(string host, TimeSpan silentFor, DateTimeOffset now, bool firing) =>
        Make(LabelSet.Of(("alertname", Down), ("host", host), ("severity", "critical")),
            LabelSet.Of(("summary", $"{host} has not reported for {Human(silentFor)}")), now, firing);

    public static Alert NonRoutine(string host, TimeSpan silentFor, TimeSpan allowance, DateTimeOffset now, bool firing) =>
        Make(LabelSet.Of(("alertname", RebootNonRoutine), ("host", host), ("severity", "critical")),
            LabelSet.Of(
                ("summary", $"{host} has been silent for {Human(silentFor)}, longer than its normal reboot ({Human(allowance)})"),
                ("allowance_seconds", allowance.TotalSeconds.ToString("0", CultureInfo.InvariantCulture))),
            now, firing);

    private static Alert Make(LabelSet labels, LabelSet annotations, DateTimeOffset now, bool firing) =>
        new(labels, AnnotationSet.From(annotations), now, firing ? Open : now, "", now, Timeout: false);

    private static string Human(TimeSpan t) =>
        t >= TimeSpan.FromHours(1) ? $"{(int)t.TotalHours}h{t.Minutes:00}m" : t >= TimeSpan.FromMinutes(1) ? $"{(int)t.TotalMinutes}m{t.Seconds:00}s" : $"{t.TotalSeconds:0.#}s";
}
