using System.Text.Json;
using Vigil.Server.Labels;

namespace Vigil.Server.PagerDutyApi;

/// <summary>
/// Alertmanager's PagerDuty integration puts each firing alert's labels in <c>custom_details.firing</c>, as text: per alert a
/// <c>Labels:</c> line followed by <c> - name = value</c> lines, then <c>Annotations:</c>. The labels every listed alert shares
/// are the group's labels; they become the Vigil alert's labels, so an Alertmanager behind PagerDuty routes as it would directly.
/// </summary>
internal static class AlertmanagerDetails
{
    public static List<KeyValuePair<string, string>> CommonLabels(JsonElement details)
    {
        if (!details.TryGetProperty("firing", out var firing) || firing.ValueKind != JsonValueKind.String)
        {
            return [];
        }
        Dictionary<string, string>? common = null;
        Dictionary<string, string>? current = null;
        foreach (var line in (firing.GetString() ?? "").Split('\n'))
        {
            if (line == "Labels:")
            {
                Merge(ref common, current);
                current = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            else if (line.StartsWith("Annotations:", StringComparison.Ordinal) || line.StartsWith("Source:", StringComparison.Ordinal))
            {
                Merge(ref common, current);
                current = null;
            }
            else if (current is not null && line.StartsWith(" - ", StringComparison.Ordinal) && line.IndexOf(" = ", StringComparison.Ordinal) is var eq and > 3)
            {
                var name = line[3..eq];
                if (LabelNames.IsValid(name))
                {
                    current[name] = line[(eq + 3)..];
                }
            }
        }
        Merge(ref common, current);
        return common is null ? [] : [.. common.OrderBy(p => p.Key, StringComparer.Ordinal)];
    }

    private static void Merge(ref Dictionary<string, string>? common, Dictionary<string, string>? alert)
    {
        if (alert is null)
        {
            return;
        }
        if (common is null)
        {
            common = alert;
            return;
        }
        foreach (var (name, value) in common.ToList())
        {
            if (!alert.TryGetValue(name, out var other) || other != value)
            {
                common.Remove(name);
            }
        }
    }
}
