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
        // Once no round is under way, the next caller that accepts only work since a later moment starts one.
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var alone = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: clock.GetTimestamp());
        await rounds.ReleaseAsync(3);
        Assert.Equal(3, await alone);
    }

    [Fact]
    public async Task ACallerThatAcceptsWorkSinceAnEarlierMoment_TakesTheLastRoundDone_WhenItStartedAfterThatMoment()
    {
        var clock = new FakeTimeProvider(Begin);
        var work = new SharedWork<int>(clock);
        var rounds = new HeldRounds();
        var stepBegan = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(3));

        // Started ahead (a plan step reads its pool while its start is stored) and done before its hosts ask.
        var ahead = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: stepBegan);
        await rounds.ReleaseAsync(1);
        Assert.Equal(1, await ahead);
        clock.Advance(TimeSpan.FromMilliseconds(5));
        var host = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: stepBegan);
        Assert.Equal(1, await host);

        // Nobody else is answered from it: one who accepts only work since after it started gets a new round, and so
        // does one who asks without a moment.
        var laterStep = work.RunAsync("pool", rounds.Work, CancellationToken.None, since: clock.GetTimestamp());
        await rounds.ReleaseAsync(2);
        Assert.Equal(2, await laterStep);
        var fresh = work.RunAsync("pool", rounds.Work, CancellationToken.None);
        await rounds.ReleaseAsync(3);
        Assert.Equal(3, await fresh);
    }

    [Fact]
    public async Task ARoundThatFailed_IsNotTakenOnceDone_TheNextCallerGetsANewRound()
    {
        var clock = new FakeTimeProvider(Begin);
        var work = new SharedWork<int>(clock);
        var stepBegan = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(3));
        var calls = 0;

        var failed = work.RunAsync("pool", () => ++calls == 1 ? Task.FromException<int>(new IOException("HAProxy did not answer")) : Task.FromResult(calls), CancellationToken.None, since: stepBegan);
        await Assert.ThrowsAsync<IOException>(() => failed);
        var again = work.RunAsync("pool", () => Task.FromResult(++calls), CancellationToken.None, since: stepBegan);

        Assert.Equal(2, await again);
    }

    [Fact]
    public async Task TheLastRoundDone_IsForgottenAMinuteLater()
    {
        var clock = new FakeTimeProvider(Begin);
        var work = new SharedWork<int>(clock);
        var stepBegan = clock.GetTimestamp();
        clock.Advance(TimeSpan.FromMilliseconds(3));
        var calls = 0;

        Assert.Equal(1, await work.RunAsync("pool", () => Task.FromResult(++calls), CancellationToken.None, since: stepBegan));
        clock.Advance(TimeSpan.FromMinutes(2));
        // Any key's round that ends sweeps the keys idle for longer than a minute.
        Assert.Equal(2, await work.RunAsync("other", () => Task.FromResult(++calls), CancellationToken.None));

        Assert.Equal(3, await work.RunAsync("pool", () => Task.FromResult(++calls), CancellationToken.None, since: stepBegan));
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
