using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Labels;
using MatchType = Vigil.Server.Labels.MatchType;
using Vigil.Server.Silences;

namespace Vigil.Server.Tests.Silences;

/// <summary>The pure rules: states, validation and guardrails, updates, expiry, muting and approval, on a fake clock.</summary>
public sealed class SilenceRulesTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly DateTimeOffset Now = Clock.GetUtcNow();
    private static readonly SilencesOptions Options = new();
    private static readonly CustomerImpactLabel Customer = CustomerImpactLabel.Default;

    private static Silence Make(string matchers = "alertname=Foo", int startMin = -10, int endMin = 60,
        string createdBy = "alice", string comment = "patching", string? approvedBy = null) =>
        new("id-1", MatcherParser.ParseList(matchers), Now.AddMinutes(startMin), Now.AddMinutes(endMin), Now, createdBy, comment,
            "alice-token", approvedBy, approvedBy is null ? null : Now);

    [Theory]
    [InlineData(-10, 60, SilenceState.Active)]
    [InlineData(0, 60, SilenceState.Active)]
    [InlineData(5, 60, SilenceState.Pending)]
    [InlineData(-60, -1, SilenceState.Expired)]
    [InlineData(-60, 0, SilenceState.Expired)]
    public void StateAt_FollowsStartAndEnd(int startMin, int endMin, SilenceState expected) =>
        Assert.Equal(expected, SilenceRules.StateAt(Make(startMin: startMin, endMin: endMin), Now));

    [Theory]
    [InlineData("alertname=Foo", null)]
    [InlineData("alertname=\"\"", "at least one matcher must not match the empty string")]
    [InlineData("alertname=~\".*\"", "at least one matcher must not match the empty string")]
    [InlineData("alertname=~\".+\"", "match every alert")]
    [InlineData("alertname!=\"\"", "match every alert")]
    [InlineData("alertname=~\".*\",env!=\"x\"", null)]
    [InlineData("instance=~\".+\"", null)]
    [InlineData("env!=\"x\"", null)]
    [InlineData("env!~\"x|y\"", null)]
    public void Validate_Matchers(string matchers, string? error) => AssertError(error, SilenceRules.Validate(Make(matchers), Options));

    [Fact]
    public void Validate_LabelNames() =>
        AssertError("invalid label matcher 0: invalid label name \"1bad\"",
            SilenceRules.Validate(Make() with { Matchers = [Matcher.Create("1bad", MatchType.Equal, "x")] }, Options));

    [Theory]
    [InlineData("", "patching", "createdBy is required")]
    [InlineData("  ", "patching", "createdBy is required")]
    [InlineData("alice", "", "comment is required")]
    [InlineData("alice", " \t", "comment is required")]
    public void Validate_RequiresAuthorAndComment(string createdBy, string comment, string error) =>
        AssertError(error, SilenceRules.Validate(Make(createdBy: createdBy, comment: comment), Options));

    [Theory]
    [InlineData(0, 24 * 60, null)]
    [InlineData(0, 24 * 60 + 1, "endsAt is 24h1m after startsAt, more than silences.max_duration (24h)")]
    [InlineData(0, 72 * 60, "endsAt is 72h after startsAt, more than silences.max_duration (24h)")]
    public void Validate_EverySilenceEnds(int startMin, int endMin, string? error) =>
        AssertError(error, SilenceRules.Validate(Make(startMin: startMin, endMin: endMin), Options));

    [Fact]
    public void Validate_MaxDurationIsConfigurable() =>
        Assert.Null(SilenceRules.Validate(Make(startMin: 0, endMin: 72 * 60), Options with { MaxDuration = TimeSpan.FromDays(3) }));

    [Theory]
    [InlineData(0, 60, null)]
    [InlineData(60, 60, "start time must be before end time")]
    [InlineData(60, 30, "start time must be before end time")]
    [InlineData(-60, -30, "end time can't be in the past")]
    public void CheckTimes_AsAlertmanager(int startMin, int endMin, string? error) =>
        AssertError(error, SilenceRules.CheckTimes(Now.AddMinutes(startMin), Now.AddMinutes(endMin), Now));

    [Theory]
    // existing (start, end), next (matchers, start, end) → keeps id?
    [InlineData(-10, 60, "alertname=Foo", -10, 120, true)]     // active: extend, same start
    [InlineData(-10, 60, "alertname=Foo", -10, 30, true)]      // active: shorten, still in the future
    [InlineData(-10, 60, "alertname=Foo", -5, 60, false)]      // active: start changed
    [InlineData(-10, 60, "alertname=Foo", -10, -1, false)]     // active: end in the past
    [InlineData(-10, 60, "alertname=Bar", -10, 60, false)]     // matchers changed
    [InlineData(10, 60, "alertname=Foo", 20, 90, true)]        // pending: move start later
    [InlineData(10, 60, "alertname=Foo", -1, 90, false)]       // pending: start in the past
    [InlineData(-60, -10, "alertname=Foo", -60, 60, false)]    // expired never changes
    public void CanUpdate_KeepsIdOnlyWhenHistoryStaysTrue(int start, int end, string nextMatchers, int nextStart, int nextEnd, bool expected)
    {
        var existing = Make(startMin: start, endMin: end);
        var next = Make(nextMatchers, nextStart, nextEnd);
        Assert.Equal(expected, SilenceRules.CanUpdate(existing, next, Now));
    }

    [Fact]
    public void Expire_ActiveEndsNow_PendingStartsAndEndsNow_ExpiredUnchanged()
    {
        Assert.Equal(Now, SilenceRules.Expire(Make(startMin: -10), Now)!.EndsAt);
        var pending = SilenceRules.Expire(Make(startMin: 10), Now)!;
        Assert.Equal((Now, Now), (pending.StartsAt, pending.EndsAt));
        Assert.Null(SilenceRules.Expire(Make(startMin: -60, endMin: -1), Now));
        Assert.Equal(SilenceState.Expired, SilenceRules.StateAt(SilenceRules.Expire(Make(), Now)!, Now));
    }

    [Fact]
    public void CreateNew_MovesAPastStartToNow()
    {
        var created = SilenceRules.CreateNew(Make(startMin: -10, approvedBy: "bob"), "new", Now);
        Assert.Equal(("new", Now, (string?)null), (created.Id, created.StartsAt, created.ApprovedBy));
    }

    [Theory]
    [InlineData("alertname=SiteDown", "alertname=SiteDown,impact=customer", null, false, true)]   // held back until approved
    [InlineData("alertname=SiteDown", "alertname=SiteDown,impact=customer", "bob", true, false)]   // approved: muted
    [InlineData("team=web", "alertname=CacheWarm,team=web", null, true, false)]                    // internal: muted at once
    [InlineData("team=web", "alertname=CacheWarm,team=db", null, false, false)]                    // not matched
    public void Mutes_CustomerImpactOnlyOnceApproved(string matchers, string labels, string? approvedBy, bool mutes, bool holdsBack)
    {
        var silence = Make(matchers, approvedBy: approvedBy);
        var set = LabelSet.From(MatcherParser.ParseList(labels).Select(m => new KeyValuePair<string, string>(m.Name, m.Value)));
        Assert.Equal(mutes, SilenceRules.Mutes(silence, set, Now, Customer));
        Assert.Equal(holdsBack, SilenceRules.HoldsBack(silence, set, Now, Customer));
    }

    [Fact]
    public void Mutes_NothingOutsideItsTime()
    {
        var labels = LabelSet.Of(("alertname", "Foo"));
        Assert.False(SilenceRules.Mutes(Make(startMin: 5), labels, Now, Customer));
        Assert.False(SilenceRules.Mutes(Make(startMin: -60, endMin: -1), labels, Now, Customer));
        Clock.Advance(TimeSpan.Zero);
        Assert.True(SilenceRules.Mutes(Make(startMin: 5), labels, Now.AddMinutes(5), Customer));
    }

    [Theory]
    [InlineData("alertname=SiteDown", true)]
    [InlineData("impact=customer", true)]
    [InlineData("impact=~\"cust.*\"", true)]
    [InlineData("impact=internal", false)]
    [InlineData("impact!=customer", false)]
    public void NeedsApproval_WhenItCanCoverACustomerAlert(string matchers, bool expected) =>
        Assert.Equal(expected, SilenceRules.NeedsApproval(Make(matchers), Customer));

    [Theory]
    [InlineData("bob-token", null, null)]
    [InlineData("alice-token", null, "cannot also approve it")]
    [InlineData("bob-token", "carol", "already approved by 'carol'")]
    public void CheckApproval_NeedsADifferentIdentity(string approver, string? approvedBy, string? error) =>
        AssertError(error, SilenceRules.CheckApproval(Make(approvedBy: approvedBy), approver, Now)?.Message);

    [Fact]
    public void CheckApproval_RefusesExpired()
    {
        var error = SilenceRules.CheckApproval(Make(startMin: -60, endMin: -1), "bob-token", Now);
        Assert.Equal(409, error!.StatusCode);
        Assert.Equal(403, SilenceRules.CheckApproval(Make(), "alice-token", Now)!.StatusCode);
    }

    [Theory]
    [InlineData(120, false)]
    [InlineData(60, true)]
    [InlineData(30, true)]
    public void UpdateInPlace_KeepsApprovalUnlessItRunsLonger(int nextEnd, bool keeps)
    {
        var existing = Make(approvedBy: "bob");
        var updated = SilenceRules.UpdateInPlace(existing, Make(endMin: nextEnd) with { CreatorIdentity = "mallory" }, Now);
        Assert.Equal(keeps, updated.IsApproved);
        Assert.Equal("alice-token", updated.CreatorIdentity);
    }

    [Fact]
    public void Preview_SplitsCustomerImpactAlerts()
    {
        var alerts = new[]
        {
            Alert("alertname=SiteDown,impact=customer,team=web"),
            Alert("alertname=CacheWarm,team=web"),
            Alert("alertname=Other,team=db"),
        };
        var preview = SilencePreview.For(MatcherParser.ParseList("team=web"), alerts, Now, Customer);
        Assert.Equal("CacheWarm", Assert.Single(preview.MutedAtOnce).Labels.Get("alertname"));
        Assert.Equal("SiteDown", Assert.Single(preview.NeedApproval).Labels.Get("alertname"));
    }

    private static Vigil.Server.Alerts.Alert Alert(string labels) => new(
        LabelSet.From(MatcherParser.ParseList(labels).Select(m => new KeyValuePair<string, string>(m.Name, m.Value))),
        AnnotationSet.Empty, Now.AddMinutes(-1), Now.AddHours(1), "", Now, false);

    private static void AssertError(string? expectedFragment, string? actual)
    {
        if (expectedFragment is null)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.NotNull(actual);
            Assert.Contains(expectedFragment, actual, StringComparison.Ordinal);
        }
    }
}
