using Vigil.Server.Vendors;

namespace Vigil.Server.Tests.Vendors;

/// <summary>The pure rules of vendor tickets on a fixed clock: moves, filled states, missed deadlines and the next one to watch.</summary>
public sealed class VendorRulesTests
{
    private static readonly DateTimeOffset Opened = new(2020, 5, 11, 9, 35, 0, TimeSpan.Zero);

    private static VendorTicket Ticket(TimeSpan? response = null, TimeSpan? onSite = null) =>
        new(1, 7, "dbhost", "data volume not mounted", TicketState.Opened, response ?? TimeSpan.FromMinutes(30), onSite ?? TimeSpan.FromHours(2), Opened, "alice");

    [Fact]
    public void NoDeadlineIsMissed_BeforeItPasses()
    {
        Assert.Empty(VendorRules.Missed(Ticket(), Opened.AddMinutes(29)));
        Assert.Equal(Opened.AddMinutes(30), VendorRules.NextDeadline(Ticket()));
    }

    [Fact]
    public void ResponseDeadline_PassedWithoutAcknowledgement_IsMissedOnce()
    {
        var t = Ticket();
        Assert.Equal([TicketDeadline.Response], VendorRules.Missed(t, Opened.AddMinutes(30)));
        var recorded = t with { ResponseMissedAt = Opened.AddMinutes(30) };
        Assert.Empty(VendorRules.Missed(recorded, Opened.AddMinutes(31)));
        Assert.Equal(Opened.AddHours(2), VendorRules.NextDeadline(recorded));
    }

    [Fact]
    public void AcknowledgedInTime_MissesNothing_ButTheOnSiteDeadlineStillRuns()
    {
        var t = VendorRules.Move(Ticket(), TicketState.Acknowledged, "dbhost (link)", Opened.AddMinutes(10));
        Assert.Empty(VendorRules.Missed(t, Opened.AddMinutes(45)));
        Assert.Equal(Opened.AddHours(2), VendorRules.NextDeadline(t));
        Assert.Equal([TicketDeadline.OnSite], VendorRules.Missed(t, Opened.AddHours(2)));
    }

    [Fact]
    public void AcknowledgedLate_WhileNobodyWatched_IsStillAMiss_AndItsLatenessIsKnown()
    {
        var t = VendorRules.Move(Ticket(), TicketState.Acknowledged, "bob", Opened.AddMinutes(40));
        Assert.Equal([TicketDeadline.Response], VendorRules.Missed(t, Opened.AddMinutes(41)));
        Assert.Equal(TimeSpan.FromMinutes(10), VendorRules.Lateness(t, TicketDeadline.Response));
    }

    [Fact]
    public void Engaging_FillsTheAcknowledgementNotReached_WithTheSameTimeAndActor()
    {
        var t = VendorRules.Move(Ticket(), TicketState.Engaged, "carol", Opened.AddMinutes(20));
        Assert.Equal(TicketState.Engaged, t.State);
        Assert.Equal((Opened.AddMinutes(20), "carol"), (t.AcknowledgedAt!.Value, t.AcknowledgedBy));
        Assert.Null(VendorRules.NextDeadline(t));
        Assert.Empty(VendorRules.Missed(t, Opened.AddHours(5)));
    }

    [Theory]
    [InlineData(TicketState.Acknowledged, TicketState.Acknowledged, "already acknowledged")]
    [InlineData(TicketState.Engaged, TicketState.Acknowledged, "cannot go back to acknowledged")]
    [InlineData(TicketState.Resolved, TicketState.Engaged, "already resolved")]
    public void Moves_BackwardsOrToTheSameState_AreRefused(TicketState at, TicketState to, string reason)
    {
        var t = VendorRules.Move(Ticket(), at, "bob", Opened.AddMinutes(1));
        Assert.Contains(reason, VendorRules.CheckMove(t, to), StringComparison.Ordinal);
    }

    [Fact]
    public void ATicketWithoutPromises_HasNoDeadline()
    {
        var t = Ticket() with { ResponseWithin = null, OnSiteWithin = null };
        Assert.Null(VendorRules.NextDeadline(t));
        Assert.Empty(VendorRules.Missed(t, Opened.AddDays(3)));
    }
}
