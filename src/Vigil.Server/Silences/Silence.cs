using Vigil.Server.Labels;

namespace Vigil.Server.Silences;

/// <summary>
/// A silence: alerts whose labels match every matcher are muted from <see cref="StartsAt"/> until
/// <see cref="EndsAt"/>. <see cref="CreatedBy"/> is the free text the author typed (amtool's
/// <c>--author</c>); <see cref="CreatorIdentity"/> is the API token that created it, which may not
/// also approve it. Approval lets it mute customer-impact alerts too (see <see cref="SilenceRules"/>).
/// </summary>
public sealed record Silence(
    string Id,
    IReadOnlyList<Matcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset UpdatedAt,
    string CreatedBy,
    string Comment,
    string CreatorIdentity,
    string? ApprovedBy = null,
    DateTimeOffset? ApprovedAt = null)
{
    public bool IsApproved => ApprovedBy is not null;
}
