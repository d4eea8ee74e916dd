using Vigil.Server.Notify;
using Vigil.Server.Storage;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Notify;

/// <summary>The machine's clock stepping forward past a message's lease while this node still sends it.</summary>
public sealed partial class OutboxDeliveryServiceTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task AMessageStillBeingSent_WhenTheClockJumpsPastItsLease_IsNotSentASecondTime(string engine)
    {
        var clock = new SteppedClock();
        var options = new OutboxDeliveryOptions { RequestTimeout = TimeSpan.FromMinutes(1), PollInterval = TimeSpan.FromHours(1) };
        var (outbox, receiver) = await StartAsync(engine, options, clock: clock);
        var (id, answer) = await EnqueueHeldAsync(outbox, receiver, "slow");

        // While the receiver holds the request, the clock steps past the 5-minute lease (an NTP correction, a VM resumed
        // from a pause) and the worker looks for due messages: the row's lease has run out, but this node is still sending it.
        var claims = _service!.ClaimsRun;
        clock.Step(options.Lease + TimeSpan.FromMinutes(1));
        _service.Notify();
        await Eventually.GetAsync(() => Task.FromResult(_service.ClaimsRun), n => n > claims);
        await Task.Delay(300, TestContext.Current.CancellationToken); // time for a second send to reach the receiver
        Assert.Single(receiver.Received("slow"));

        answer.SetResult();
        var item = await Eventually.GetAsync(() => outbox.GetAsync(id), m => m!.State == OutboxState.Delivered);
        Assert.Equal((OutboxState.Delivered, 1), (item!.State, item.Attempts));
        Assert.Single(receiver.Received("slow"));
    }

    /// <summary>
    /// The system's clock, whose wall time can be stepped forward as an NTP correction or a resumed VM steps it; its timers
    /// and timestamps stay monotonic, as the system's do (a fake clock's advance would also fire the request's timeout).
    /// </summary>
    private sealed class SteppedClock : TimeProvider
    {
        private long _offsetTicks;

        public void Step(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}
