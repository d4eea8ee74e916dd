using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Drill.Notify;

/// <summary>
/// An <c>expect:</c> entry is met by one predicted notification with its time, its receiver, and exactly the firing and
/// resolved alerts it lists (each description matching a different alert).
/// </summary>
internal static class ExpectationCheck
{
    public static ExpectationResult Check(Expectation e, IReadOnlyList<PredictedNotification> notifications, DateTimeOffset start)
    {
        if (notifications.Any(n => Matches(e, n)))
        {
            return new ExpectationResult(e, true, null);
        }
        var near = notifications.Where(n => (e.At is null || n.At == e.At) && (e.Receiver is null || n.Receiver == e.Receiver)).ToList();
        if (near.Count == 0)
        {
            near = [.. notifications.Where(n => e.Receiver is null || n.Receiver == e.Receiver)];
        }
        var instead = near.Count == 0
            ? "no notification" + (e.Receiver is null ? "" : " to " + e.Receiver) + " at all"
            : string.Join("; ", near.Take(5).Select(n => Describe(n, start))) + (near.Count > 5 ? $"; and {near.Count - 5} more" : "");
        return new ExpectationResult(e, false, instead);
    }

    /// <summary>An alert description: an alert name, or matchers (<c>{instance="a"}</c>, <c>severity="page"</c>).</summary>
    public static IReadOnlyList<Matcher> Parse(string description) =>
        description.Contains('=', StringComparison.Ordinal) || description.Contains('{', StringComparison.Ordinal)
            ? MatcherParser.ParseList(description)
            : [Matcher.Equal("alertname", description)];

    public static string Describe(PredictedNotification n, DateTimeOffset start) =>
        $"{Reasons.At(n.At, start)} {n.Receiver}: firing [{Names(n.Firing)}], resolved [{Names(n.Resolved)}]";

    private static string Names(IReadOnlyList<Alert> alerts) => string.Join(", ", alerts.Select(a => a.Labels.ToString()));

    private static bool Matches(Expectation e, PredictedNotification n) =>
        (e.At is null || n.At == e.At) && (e.Receiver is null || n.Receiver == e.Receiver)
        && Same(e.Firing, n.Firing) && Same(e.Resolved, n.Resolved);

    private static bool Same(IReadOnlyList<string>? descriptions, IReadOnlyList<Alert> alerts)
    {
        if (descriptions is null)
        {
            return true;
        }
        if (descriptions.Count != alerts.Count)
        {
            return false;
        }
        var unused = alerts.ToList();
        foreach (var d in descriptions.Select(Parse))
        {
            var hit = unused.FindIndex(a => Matcher.All(d, a.Labels));
            if (hit < 0)
            {
                return false;
            }
            unused.RemoveAt(hit);
        }
        return true;
    }
}
