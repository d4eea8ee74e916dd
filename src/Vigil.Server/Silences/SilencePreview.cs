using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Silences;

/// <summary>What a silence with these matchers would touch right now: the firing alerts it matches, split into
/// those muted at once and the customer-impact ones held back until a second person approves.</summary>
public sealed record SilencePreview(IReadOnlyList<Alert> MutedAtOnce, IReadOnlyList<Alert> NeedApproval)
{
    public static SilencePreview For(IReadOnlyList<Matcher> matchers, IEnumerable<Alert> alerts, DateTimeOffset now, CustomerImpactLabel customer)
    {
        var muted = new List<Alert>();
        var held = new List<Alert>();
        foreach (var a in alerts)
        {
            if (a.IsFiringAt(now) && Matcher.All(matchers, a.Labels))
            {
                (customer.IsOn(a.Labels) ? held : muted).Add(a);
            }
        }
        muted.Sort(static (x, y) => string.CompareOrdinal(x.Fingerprint.ToString(), y.Fingerprint.ToString()));
        held.Sort(static (x, y) => string.CompareOrdinal(x.Fingerprint.ToString(), y.Fingerprint.ToString()));
        return new SilencePreview(muted, held);
    }
}
