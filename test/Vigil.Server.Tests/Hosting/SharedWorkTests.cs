using Microsoft.Extensions.Time.Testing;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// Callers asking for the same work at the same moment share one round of it, and nobody is answered with a round that
/// started before the moment they may accept (the moment they asked, unless they name an earlier one).
/// </summary>
public sealed class SharedWorkTests
{
    private static readonly DateTimeOffset Begin = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    /// <summary>Work whose rounds are held until released; each round answers its own number.</summary>
    private sealed class HeldRounds
    {
        private readonly List<TaskCompletionSource> _gates = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public Func<Task<int>> Work => async () =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            int round;
            lock (_gates)
            {
                _gates.Add(gate);
                round = ++_started;
            }
            await gate.Task;
            return round;
        };

        public async Task ReleaseAsync(int round)
        {
            await WaitStartedAsync(round);
            lock (_gates)
            {
                _gates[round - 1].TrySetResult();
            }
        }

        public async Task WaitStartedAsync(int round)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Started < round)
            {
                await Task.Delay(5, limit.Token);
            }
        }
    }

    [Fact]
    public async Task ACallerArrivingWhileARoundIsUnderWay_WaitsForTheNextRound_WhichServesEveryoneWhoArrivedMeanwhile()
    {
        var clock = new FakeTimeProvider(Begin);
        var work = new SharedWork<int>(clock);
        var rounds = new HeldRounds();

        var first = work.RunAsync("pool", rounds.Work, CancellationToken.None);
        await rounds.WaitStartedAsync(1);
        var second = work.RunAsync("pool", rounds.Work, CancellationToken.None);
        var third = work.RunAsync("pool", rounds.Work, CancellationToken.None);
        await rounds.ReleaseAsync(1);
        await rounds.ReleaseAsync(2);

        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.Equal(2, await third);
        Assert.Equal(2, rounds.Started);
    }

    [Fact]
    public async Task ACallerThatAcceptsWorkSinceAnEarlierMoment_JoinsTheRoundUnderWay_WhenItStartedAfterThatMoment()
    {
        var clock = new FakeTimeProvider(Begin);
        var work = new SharedWork<int>(clock);
        var rounds = new HeldRounds();
        var stepBegan = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(3));

        var first = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: stepBegan);
        await rounds.WaitStartedAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(2));
        var joined = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: stepBegan);
        // A moment after the round started: that round may not have seen what happened just before it.
        var later = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: clock.GetTimestamp());
        await rounds.ReleaseAsync(1);
        await rounds.ReleaseAsync(2);

        Assert.Equal(1, await first);
        Assert.Equal(1, await joined);
        Assert.Equal(2, await later);
        Assert.Equal(2, rounds.Started);
    }

    [Fact]
    public async Task ACallerThatAcceptsWorkSinceAnEarlierMoment_IsNeverAnsweredWithARoundThatStartedBeforeIt()
    {
        var clock = new FakeTimeProvider(Begin);
        var work = new SharedWork<int>(clock);
        var rounds = new HeldRounds();

        var first = work.RunAsync("pool", rounds.Work, CancellationToken.None);
        await rounds.WaitStartedAsync(1);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var stepBegan = clock.GetTimestamp();
        var afterIt = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: stepBegan);
        await rounds.ReleaseAsync(1);
        await rounds.ReleaseAsync(2);

        Assert.Equal(1, await first);
        Assert.Equal(2, await afterIt);
        // Once no round is under way, the next caller starts one, whatever moment it accepts.
        var alone = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: stepBegan);
        await rounds.ReleaseAsync(3);
        Assert.Equal(3, await alone);
    }

    [Fact]
    public async Task OnAClockThatStandsStill_NoRoundIsJoined_SinceNoneCanBeShownToHaveStartedAfterTheMoment()
    {
        var clock = new FakeTimeProvider(Begin);
        var work = new SharedWork<int>(clock);
        var rounds = new HeldRounds();

        var first = work.RunAsync("pool", rounds.Work, CancellationToken.None);
        await rounds.WaitStartedAsync(1);
        var sameInstant = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: clock.GetTimestamp());
        await rounds.ReleaseAsync(1);
        await rounds.ReleaseAsync(2);

        Assert.Equal(1, await first);
        Assert.Equal(2, await sameInstant);
    }
}
