using System.Globalization;
using Vigil.Server.Labels;

namespace Vigil.Server.Silences;

/// <summary>
/// The pure rules of silences, as functions of (silence, now): state, validation (Alertmanager 0.25's
/// checks and texts, then Vigil's guardrails), whether an update keeps the id, expiry, and muting with
/// the customer-impact rule (a customer-facing alert is muted only by an approved silence).
/// </summary>
public static class SilenceRules
{
    // Values a matcher must accept to count as matching "everything" (see IsBlanket).
    private static readonly string[] Probes = ["", "a", "Foo", "db-1", "0", "x y", "customer", "prod", "-", "ÄÖ", "localhost:9100"];

    /// <summary>Pending before <c>startsAt</c>, active until <c>endsAt</c>, expired from <c>endsAt</c> on.</summary>
    public static SilenceState StateAt(Silence s, DateTimeOffset now) =>
        now < s.StartsAt ? SilenceState.Pending : now < s.EndsAt ? SilenceState.Active : SilenceState.Expired;

    public static string WireName(SilenceState state) => state switch
    {
        SilenceState.Active => "active",
        SilenceState.Pending => "pending",
        _ => "expired",
    };

    /// <summary>Alertmanager's request checks before it looks at the id (texts from api/v2 postSilencesHandler).</summary>
    public static string? CheckTimes(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        if (startsAt >= endsAt)
        {
            return "Failed to create silence: start time must be before end time";
        }
        return endsAt < now ? "Failed to create silence: end time can't be in the past" : null;
    }

    /// <summary>
    /// Alertmanager's validateSilence, then Vigil's guardrails; null when valid, else the message
    /// (prefixed "silence invalid: " as Alertmanager does).
    /// </summary>
    public static string? Validate(Silence s, SilencesOptions options)
    {
        var error = ValidateCore(s, options);
        return error is null ? null : "silence invalid: " + error;
    }

    private static string? ValidateCore(Silence s, SilencesOptions options)
    {
        if (s.Matchers.Count == 0)
        {
            return "at least one matcher required";
        }
        for (var i = 0; i < s.Matchers.Count; i++)
        {
            if (!LabelNames.IsValid(s.Matchers[i].Name))
            {
                return $"invalid label matcher {i}: invalid label name {GoQuote.Quote(s.Matchers[i].Name)}";
            }
        }
        // As Alertmanager's matchesEmpty: only = and =~ count; != and !~ never do.
        if (s.Matchers.All(m => m.IsEqual && m.Matches("")))
        {
            return "at least one matcher must not match the empty string";
        }
        if (s.EndsAt < s.StartsAt)
        {
            return "end time must not be before start time";
        }
        if (string.IsNullOrWhiteSpace(s.CreatedBy))
        {
            return "createdBy is required and must not be blank";
        }
        if (string.IsNullOrWhiteSpace(s.Comment))
        {
            return "comment is required and must not be blank";
        }
        if (IsBlanket(s.Matchers))
        {
            return $"the matchers {Matcher.ListToString(s.Matchers)} match every alert; a silence must be scoped to what it is meant to mute";
        }
        if (s.EndsAt - s.StartsAt > options.MaxDuration)
        {
            return $"endsAt is {FormatSpan(s.EndsAt - s.StartsAt)} after startsAt, more than silences.max_duration ({FormatSpan(options.MaxDuration)}); every silence must end";
        }
        return null;
    }

    /// <summary>
    /// True when the matchers would match every alert: each one accepts any value, its own (alternatives) included (such as
    /// <c>=~".*"</c> or <c>!=""</c> on <c>alertname</c>, which every alert has). Checked by probing
    /// a spread of values, since a regex's language cannot be compared cheaply.
    /// </summary>
    public static bool IsBlanket(IReadOnlyList<Matcher> matchers) =>
        matchers.All(m => Probes.Concat(m.Value.Split('|')).All(v => (v.Length == 0 && m.Name == "alertname") || m.Matches(v)));

    /// <summary>
    /// Alertmanager's canUpdate: the id is kept only when the matchers are identical and the history of
    /// muting stays true — an active silence keeps its start and does not end in the past, a pending one
    /// does not start in the past, an expired one never changes.
    /// </summary>
    public static bool CanUpdate(Silence existing, Silence next, DateTimeOffset now)
    {
        if (!existing.Matchers.SequenceEqual(next.Matchers))
        {
            return false;
        }
        return StateAt(existing, now) switch
        {
            SilenceState.Active => next.StartsAt.ToUnixTimeSeconds() == existing.StartsAt.ToUnixTimeSeconds() && next.EndsAt >= now,
            SilenceState.Pending => next.StartsAt >= now,
            _ => false,
        };
    }

    /// <summary>
    /// An in-place update keeps the approval unless it makes the silence last longer than what was approved;
    /// the creating identity stays the original one.
    /// </summary>
    public static Silence UpdateInPlace(Silence existing, Silence next, DateTimeOffset now)
    {
        var keepApproval = existing.IsApproved && next.EndsAt <= existing.EndsAt;
        return next with
        {
            Id = existing.Id,
            UpdatedAt = now,
            CreatorIdentity = existing.CreatorIdentity,
            ApprovedBy = keepApproval ? existing.ApprovedBy : null,
            ApprovedAt = keepApproval ? existing.ApprovedAt : null,
        };
    }

    /// <summary>A new silence (or a replacement): a start in the past becomes now, as in Alertmanager.</summary>
    public static Silence CreateNew(Silence candidate, string id, DateTimeOffset now) =>
        candidate with
        {
            Id = id,
            StartsAt = candidate.StartsAt < now ? now : candidate.StartsAt,
            UpdatedAt = now,
            ApprovedBy = null,
            ApprovedAt = null,
        };

    /// <summary>Alertmanager's expire: an active silence ends now, a pending one starts and ends now; null when already expired.</summary>
    public static Silence? Expire(Silence s, DateTimeOffset now) => StateAt(s, now) switch
    {
        SilenceState.Active => s with { EndsAt = now, UpdatedAt = now },
        SilenceState.Pending => s with { StartsAt = now, EndsAt = now, UpdatedAt = now },
        _ => null,
    };

    /// <summary>Whether the approval by <paramref name="approver"/> is allowed; null when it is.</summary>
    public static SilenceError? CheckApproval(Silence s, string approver, DateTimeOffset now)
    {
        if (StateAt(s, now) == SilenceState.Expired)
        {
            return SilenceError.Conflict($"silence {s.Id} has expired; nothing to approve");
        }
        if (s.ApprovedBy is { } by)
        {
            return SilenceError.Conflict($"silence {s.Id} was already approved by '{by}'");
        }
        if (string.Equals(approver, s.CreatorIdentity, StringComparison.Ordinal))
        {
            return SilenceError.Forbidden(
                $"'{approver}' created silence {s.Id} and cannot also approve it; a second person (another token) must approve it");
        }
        return null;
    }

    public static bool Matches(Silence s, LabelSet labels) => Matcher.All(s.Matchers, labels);

    /// <summary>Whether the silence mutes these labels now: active, matching, and for a customer-facing alert, approved.</summary>
    public static bool Mutes(Silence s, LabelSet labels, DateTimeOffset now, CustomerImpactLabel customer) =>
        StateAt(s, now) == SilenceState.Active && Matches(s, labels) && (s.IsApproved || !customer.IsOn(labels));

    /// <summary>Whether the silence would mute these labels now but for its missing approval.</summary>
    public static bool HoldsBack(Silence s, LabelSet labels, DateTimeOffset now, CustomerImpactLabel customer) =>
        StateAt(s, now) == SilenceState.Active && !s.IsApproved && customer.IsOn(labels) && Matches(s, labels);

    /// <summary>
    /// Whether the silence can cover a customer-facing alert (now or later), so needs a second person's
    /// approval before it mutes one: its matchers on the customer label (if any) all accept its value.
    /// </summary>
    public static bool NeedsApproval(Silence s, CustomerImpactLabel customer) =>
        s.Matchers.Where(m => m.Name == customer.Name).All(m => m.Matches(customer.Value));

    /// <summary>Hours, minutes and seconds, rounded to the second (<c>72h</c>, <c>1h30m</c>): what a person typed as --duration.</summary>
    public static string FormatSpan(TimeSpan d)
    {
        var total = (long)Math.Round(d.TotalSeconds);
        if (total <= 0)
        {
            return "0s";
        }
        var (h, m, sec) = (total / 3600, total % 3600 / 60, total % 60);
        var text = (h > 0 ? h.ToString(CultureInfo.InvariantCulture) + "h" : "")
            + (m > 0 ? m.ToString(CultureInfo.InvariantCulture) + "m" : "")
            + (sec > 0 ? sec.ToString(CultureInfo.InvariantCulture) + "s" : "");
        return text;
    }
}
