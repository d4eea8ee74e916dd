using Vigil.Server.Probes;

namespace Vigil.Server.Tests.Probes;

/// <summary>The rise/fall machine: consecutive failures take a probe down, consecutive successes bring it back.</summary>
public sealed class ProbeHealthTests
{
    public static TheoryData<string, int, int, bool> Cases => new()
    {
        // results (F = fail, S = success), fall, rise, up at the end
        { "", 3, 2, true },
        { "FF", 3, 2, true },
        { "FFF", 3, 2, false },
        { "FFSFF", 3, 2, true },          // a success resets the failure count
        { "F", 1, 1, false },
        { "FFFS", 3, 2, false },          // one success is not enough to rise
        { "FFFSS", 3, 2, true },
        { "FFFSFS", 3, 2, false },        // a failure resets the success count
        { "FFFSFSS", 3, 2, true },
        { "FFS", 2, 1, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Results_MoveTheState_AsALoadBalancerCheckDoes(string results, int fall, int rise, bool up)
    {
        var health = ProbeHealth.Initial;
        foreach (var r in results)
        {
            health = health.Next(r == 'S', fall, rise);
        }
        Assert.Equal(up, health.Up);
    }

    [Fact]
    public void GoingDown_HappensExactlyAtTheFallthFailure()
    {
        var health = ProbeHealth.Initial;
        var wentDownAt = 0;
        for (var i = 1; i <= 5 && wentDownAt == 0; i++)
        {
            health = health.Next(false, fall: 4, rise: 2);
            wentDownAt = health.Up ? 0 : i;
        }
        Assert.Equal(4, wentDownAt);
        Assert.Equal(new ProbeHealth(false, 4, 0), health);
    }

    [Fact]
    public void ADownProbe_CountsSuccessesUntilRise()
    {
        var health = ProbeHealth.Down.Next(true, fall: 3, rise: 3);
        Assert.Equal(new ProbeHealth(false, 0, 1), health);
        health = health.Next(true, 3, 3).Next(true, 3, 3);
        Assert.True(health.Up);
    }
}
