using System.Text;
using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Incidents;

/// <summary>
/// The auto-open decision, pure: each firing alert belongs to the first rule it matches. A rule with an open incident
/// links every new matching alert to it at once (one outage, one incident); a rule without one opens an incident as
/// soon as one of its alerts has fired for the rule's <c>for</c>, with all its matching alerts. An alert already linked
/// to an incident (same fingerprint and start) is never taken again, so resolving an incident while its alert still
/// fires does not open a second one; the same alert firing anew later does.
/// </summary>
public static class AutoOpenRules
{
    /// <param name="rules">The rules in order.</param>
    /// <param name="alerts">The alerts held (resolved ones are skipped).</param>
    /// <param name="openIncident">The open incident holding a rule's open key, if any.</param>
    /// <param name="linked">Whether this alert (fingerprint and start) is already linked to an incident.</param>
    /// <param name="now">The current time.</param>
    public static AutoOpenDecision Decide(IReadOnlyList<AutoOpenRule> rules, IEnumerable<Alert> alerts, Func<AutoOpenRule, long?> openIncident,
        Func<Alert, bool> linked, DateTimeOffset now)
    {
        if (rules.Count == 0)
        {
            return new AutoOpenDecision([], null);
        }
        var byRule = new List<Alert>?[rules.Count];
        foreach (var alert in alerts)
        {
            if (alert.IsResolvedAt(now) || linked(alert))
            {
                continue;
            }
            for (var i = 0; i < rules.Count; i++)
            {
                if (rules[i].Matches(alert.Labels))
                {
                    (byRule[i] ??= []).Add(alert);
                    break;
                }
            }
        }
        var actions = new List<AutoOpenAction>();
        DateTimeOffset? next = null;
        for (var i = 0; i < rules.Count; i++)
        {
            if (byRule[i] is not { } matching)
            {
                continue;
            }
            var rule = rules[i];
            // Oldest first, so the incident is named after the alert that started the outage.
            matching.Sort((a, b) => a.StartsAt != b.StartsAt ? a.StartsAt.CompareTo(b.StartsAt) : string.CompareOrdinal(a.Fingerprint.ToString(), b.Fingerprint.ToString()));
            if (openIncident(rule) is { } id)
            {
                actions.Add(new AutoOpenAction(rule, id, matching));
                continue;
            }
            var dueAt = matching[0].StartsAt + rule.For;
            if (dueAt <= now)
            {
                actions.Add(new AutoOpenAction(rule, null, matching));
            }
            else if (next is null || dueAt < next)
            {
                next = dueAt;
            }
        }
        return new AutoOpenDecision(actions, next);
    }

    /// <summary>The rule's title with each <c>{label}</c> replaced by that label of <paramref name="first"/> (empty when absent).</summary>
    public static string Title(AutoOpenRule rule, LabelSet first)
    {
        var text = rule.Title;
        var result = new StringBuilder(text.Length + 32);
        for (var i = 0; i < text.Length; i++)
        {
            var close = text[i] == '{' ? text.IndexOf('}', i + 1) : -1;
            if (close > i + 1 && LabelNames.IsValid(text[(i + 1)..close]))
            {
                result.Append(first.ValueOrEmpty(text[(i + 1)..close]));
                i = close;
            }
            else
            {
                result.Append(text[i]);
            }
        }
        return result.ToString().Trim() is { Length: > 0 } t ? t : rule.Name;
    }
}
