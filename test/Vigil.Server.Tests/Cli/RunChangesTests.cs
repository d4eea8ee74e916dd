using System.Threading.Channels;
using Vigil.Cli;

namespace Vigil.Server.Tests.Cli;

/// <summary>How <c>vigil plan run|status --follow</c> takes a run's event stream: as changes to redraw, not one read per event.</summary>
public sealed class RunChangesTests
{
    [Fact]
    public async Task ManyEventsInOneMoment_AreOneChange_AndTheNextChangeWaitsForANewEvent()
    {
        var ct = TestContext.Current.CancellationToken;
        var events = Channel.CreateUnbounded<string>();
        await using var changes = RunChanges.Watch(token => events.Reader.ReadAllAsync(token), ct);
        for (var i = 0; i < 500; i++)
        {
            await events.Writer.WriteAsync("step_started", ct);
        }

        Assert.True(await changes.NextAsync(TimeSpan.FromMilliseconds(50), ct));
        var next = changes.NextAsync(TimeSpan.Zero, ct);
        await Task.Delay(300, ct);
        Assert.False(next.IsCompleted, "all 500 events were one change");

        await events.Writer.WriteAsync("step_passed", ct);
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task EventsDuringTheGatheringTime_JoinTheChange_AndAStreamThatEnds_EndsTheFollowing()
    {
        var ct = TestContext.Current.CancellationToken;
        var events = Channel.CreateUnbounded<string>();
        await using var changes = RunChanges.Watch(token => events.Reader.ReadAllAsync(token), ct);
        await events.Writer.WriteAsync("step_started", ct);
        var first = changes.NextAsync(TimeSpan.FromSeconds(2), ct);
        await events.Writer.WriteAsync("step_passed", ct);
        Assert.True(await first);
        events.Writer.Complete();

        Assert.False(await changes.NextAsync(TimeSpan.Zero, ct).WaitAsync(TimeSpan.FromSeconds(10), ct));
    }

    [Fact]
    public async Task AStreamThatFails_FailsTheFollowingWithItsError()
    {
        var ct = TestContext.Current.CancellationToken;
        var events = Channel.CreateUnbounded<string>();
        await using var changes = RunChanges.Watch(token => events.Reader.ReadAllAsync(token), ct);
        events.Writer.Complete(new CliException("cannot reach Vigil at http://127.0.0.1:1: connection refused"));

        var thrown = await Assert.ThrowsAsync<CliException>(() => changes.NextAsync(TimeSpan.Zero, ct));
        Assert.Contains("cannot reach Vigil", thrown.Message, StringComparison.Ordinal);
    }
}
