using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Web.Users;

namespace Vigil.Server.Tests.Ui;

/// <summary>The brake on password guessing, and what a user's name and password must be.</summary>
public sealed class SignInThrottleTests
{
    [Fact]
    public void FiveFailures_ForOneNameFromOneAddress_BlockThatPairForTheWindow_Only()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var throttle = new SignInThrottle(clock);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.Equal(TimeSpan.Zero, throttle.WaitFor("rita", "10.0.0.1"));
            throttle.Failed("rita", "10.0.0.1");
        }
        Assert.Equal(SignInThrottle.Window, throttle.WaitFor("rita", "10.0.0.1"));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("rita", "10.0.0.2"));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("bob", "10.0.0.1"));

        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(TimeSpan.FromMinutes(5), throttle.WaitFor("rita", "10.0.0.1"));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("rita", "10.0.0.1"));
        throttle.Failed("rita", "10.0.0.1");
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("rita", "10.0.0.1"));
    }

    [Fact]
    public void Success_ForgetsThePairsFailures()
    {
        var throttle = new SignInThrottle(new FakeTimeProvider());
        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed("rita", "::1");
        }
        throttle.Succeeded("rita", "::1");
        throttle.Failed("rita", "::1");
        Assert.Equal(TimeSpan.Zero, throttle.WaitFor("rita", "::1"));
    }

    [Theory]
    [InlineData("rita", null)]
    [InlineData("rita.m-o_b@example.com", null)]
    [InlineData("", "name: required")]
    [InlineData(".rita", "name: must be 1 to 64")]
    [InlineData("ri ta", "name: must be 1 to 64")]
    [InlineData("rïta", "name: must be 1 to 64")]
    public void Names_AreLikeLoginNames(string name, string? expected)
    {
        var error = UiAccountRules.CheckName(name);
        if (expected is null)
        {
            Assert.Null(error);
        }
        else
        {
            Assert.StartsWith(expected, error, StringComparison.Ordinal);
        }
        Assert.StartsWith("name: must be 1 to 64", UiAccountRules.CheckName(new string('a', 65)), StringComparison.Ordinal);
    }

    [Fact]
    public void Passwords_NeedTwelveCharacters_NotAllSpaces()
    {
        Assert.Null(UiAccountRules.CheckPassword("twelve chars"));
        Assert.Equal("password: must be at least 12 characters (got 11)", UiAccountRules.CheckPassword("eleven char"));
        Assert.Equal("password: must not be only spaces", UiAccountRules.CheckPassword(new string(' ', 12)));
        Assert.Equal("password: required", UiAccountRules.CheckPassword(null));
    }
}
