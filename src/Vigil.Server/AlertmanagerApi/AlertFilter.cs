using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.AlertmanagerApi;

/// <summary>The query parameters of <c>GET /api/v2/alerts</c> and <c>/alerts/groups</c>, with Alertmanager's defaults (all true).</summary>
internal sealed record AlertFilter(
    IReadOnlyList<Matcher> Matchers,
    Matcher? Receiver,
    bool Active,
    bool Silenced,
    bool Inhibited,
    bool Unprocessed)
{
    public static (AlertFilter? Filter, string? Error) FromQuery(IQueryCollection query)
    {
        var matchers = new List<Matcher>();
        foreach (var f in query["filter"])
        {
            if (string.IsNullOrWhiteSpace(f))
            {
                continue;
            }
            try
            {
                matchers.AddRange(MatcherParser.ParseList(f));
            }
            catch (FormatException)
            {
                return (null, $"bad matcher format: {f}");
            }
        }
        Matcher? receiver = null;
        if (query["receiver"].ToString() is { Length: > 0 } r)
        {
            try
            {
                receiver = Matcher.Create("receiver", Labels.MatchType.Regex, r);
            }
            catch (FormatException e)
            {
                return (null, $"failed to parse receiver param: {e.InnerException?.Message ?? e.Message}");
            }
        }
        string? error = null;
        bool Flag(string name)
        {
            var v = query[name].ToString();
            if (v.Length == 0)
            {
                return true;
            }
            if (bool.TryParse(v, out var b))
            {
                return b;
            }
            error ??= $"{name} in query must be of type boolean: \"{v}\"";
            return true;
        }
        var filter = new AlertFilter(matchers, receiver, Flag("active"), Flag("silenced"), Flag("inhibited"), Flag("unprocessed"));
        return error is null ? (filter, null) : (null, error);
    }

    /// <summary>Whether <see cref="Accepts"/> can reject anything (otherwise statuses need not be computed to select).</summary>
    public bool DependsOnStatus => Receiver is not null || !Active || !Silenced || !Inhibited;

    public bool MatchesLabels(Alert alert) => Matcher.All(Matchers, alert.Labels);

    public bool Accepts(Alert alert, AlertStatus status)
    {
        if (Receiver is not null && !status.Receivers.Any(Receiver.Matches))
        {
            return false;
        }
        if (!Active && !status.IsSuppressed)
        {
            return false;
        }
        if (!Silenced && status.SilencedBy.Count > 0)
        {
            return false;
        }
        return Inhibited || status.InhibitedBy.Count == 0;
    }
}
