using Vigil.Server.Hosting;

namespace Vigil.Server.Probes;

/// <summary>
/// Runs one probe on its own loop: waits for its next grid point (<see cref="ProbeSchedule"/>), takes a slot of the
/// shared concurrency gate, runs with its own timeout, feeds the result to <see cref="ProbeHealth"/>, and raises or
/// resolves its <c>ProbeFailed</c> alert. A slow target only ever delays its own probe, and a failure of the loop itself
/// is shown on the probe (<see cref="ProbeStatus.Error"/>), logged and retried after a backoff, never ends the loop.
/// </summary>
internal sealed class ProbeRunner : IAsyncDisposable
{
    private readonly IProber _prober;
    private readonly ProbeRunContext _ctx;
    private readonly CancellationTokenSource _stop = new();
    private ProbeStatus _status;
    private Task _loop = Task.CompletedTask;

    public ProbeRunner(ProbeStatus initial, IProber prober, ProbeRunContext ctx)
    {
        _status = initial;
        _prober = prober;
        _ctx = ctx;
    }

    public ProbeDefinition Definition => _status.Definition;

    public ProbeStatus Status => Volatile.Read(ref _status);

    /// <summary>Starts the loop; the first run is due at the probe's first grid point after now.</summary>
    public void Start()
    {
        // The first grid point is taken now, not when the loop's task gets going; a definition it cannot be computed
        // for is left to the loop, which marks the probe with the error.
        var def = Definition;
        DateTimeOffset? first = def.Interval > TimeSpan.Zero ? ProbeSchedule.NextDue(_ctx.Clock.GetUtcNow(), def.Interval, ProbeSchedule.Phase(def.Name, def.Interval)) : null;
        _loop = Task.Run(() => LoopAsync(first, _stop.Token));
    }

    /// <summary>Stops the loop; when <paramref name="resolve"/> (the probe was removed), a firing alert is resolved.</summary>
    public async Task StopAsync(bool resolve)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        if (resolve && _status.AlertFiring)
        {
            var now = _ctx.Clock.GetUtcNow();
            await RaiseAsync([ProbeAlerts.Resolved(Definition, "probe removed from the configuration", _status.AlertStartsAt, now)], CancellationToken.None)
                .ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(resolve: false).ConfigureAwait(false);
        _prober.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync(DateTimeOffset? due, CancellationToken ct)
    {
        var def = Definition;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var phase = ProbeSchedule.Phase(def.Name, def.Interval);
                due ??= ProbeSchedule.NextDue(_ctx.Clock.GetUtcNow(), def.Interval, phase);
                due = await RunAtAsync(due.Value, phase, ct).ConfigureAwait(false);
                if (Volatile.Read(ref _status).Error is not null)
                {
                    Volatile.Write(ref _status, _status with { Error = null });
                }
                _ctx.Health.ItemSucceeded(def.Name, Describe(def));
                _ctx.Health.PassSucceeded(_ctx.Clock.GetUtcNow());
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var retry = _ctx.Health.ItemFailed(def.Name, Describe(def), e, _ctx.Clock.GetUtcNow());
                Volatile.Write(ref _status, _status with { Error = e.Message });
                due = null;
                await Task.Delay(retry, _ctx.Clock, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Waits for <paramref name="due"/>, runs, applies the result; returns when the next run is due.</summary>
    private async Task<DateTimeOffset> RunAtAsync(DateTimeOffset due, TimeSpan phase, CancellationToken ct)
    {
        Volatile.Write(ref _status, _status with { NextRunAt = due });
        await ClockDeadline.DelayUntilAsync(_ctx.Clock, due, ct).ConfigureAwait(false);
        if (!_ctx.RunsHere(Definition.Name))
        {
            // Another node holds the lease and runs it — or, just after a start, no node holds it yet. This node shows
            // what the alerts say (down while the probe's ProbeFailed alert fires, which every node holds), not its
            // own last run, which may be minutes old; should the lease come here, the rise/fall count goes on from that.
            var shared = _ctx.FromAlerts(Definition);
            var seen = _status with
            {
                RunsHere = false, Health = shared.Health, Since = shared.Since, AlertFiring = shared.AlertFiring,
                AlertStartsAt = shared.AlertStartsAt, LastFailure = shared.AlertFiring ? shared.LastFailure : _status.LastFailure,
            };
            if (seen != _status)
            {
                Volatile.Write(ref _status, seen);
            }
        }
        else
        {
            if (!_status.RunsHere)
            {
                Volatile.Write(ref _status, _status with { RunsHere = true });
            }
            var result = await RunOnceAsync(due, ct).ConfigureAwait(false);
            await OnResultAsync(result, ct).ConfigureAwait(false);
        }
        var now = _ctx.Clock.GetUtcNow();
        return ProbeSchedule.NextDue(now > due ? now : due, Definition.Interval, phase);
    }

    private static string Describe(ProbeDefinition def) => $"probe \"{def.Name}\"";

    private async Task<ProbeResult> RunOnceAsync(DateTimeOffset due, CancellationToken ct)
    {
        await _ctx.Gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _ctx.Metrics.ScheduleLag.Observe(Math.Max(0, (_ctx.Clock.GetUtcNow() - due).TotalSeconds));
            using var timeout = new CancellationTokenSource(Definition.Timeout, _ctx.Clock);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, ct);
            try
            {
                return await _prober.RunAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                ProbeLog.RunCrashed(_ctx.Logger, Definition.Name, e);
                return ProbeResult.Fail(TimeSpan.Zero, e.Message);
            }
        }
        finally
        {
            _ctx.Gate.Release();
        }
    }

    /// <summary>Applies one result: state, metrics, and the alert. Internal so tests can drive it without a network.</summary>
    internal async Task OnResultAsync(ProbeResult result, CancellationToken ct)
    {
        var now = _ctx.Clock.GetUtcNow();
        var before = _status;
        var def = before.Definition;
        var next = ProbeRules.Apply(before, result, now);
        var health = next.Health;
        var changed = health.Up != before.Health.Up;
        Volatile.Write(ref _status, next);
        _ctx.Metrics.Record(def.Name, result);
        if (changed)
        {
            if (health.Up) { ProbeLog.Up(_ctx.Logger, def.Name); } else { ProbeLog.Down(_ctx.Logger, def.Name, result.Reason); }
        }
        await SyncAlertAsync(now, ct).ConfigureAwait(false);
    }

    private async Task SyncAlertAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (ProbeRules.SyncAlert(_status, now, _ctx.ResolveTimeout()) is ({ } alert, var raised)
            && await RaiseAsync([alert], ct).ConfigureAwait(false))
        {
            // Only the alert's own fields: a result may have moved the rest on while the raise was in flight.
            Volatile.Write(ref _status, _status with { AlertFiring = raised.AlertFiring, AlertStartsAt = raised.AlertStartsAt, LastRaisedAt = raised.LastRaisedAt });
        }
    }

    private async Task<bool> RaiseAsync(IReadOnlyList<Alerts.Alert> alerts, CancellationToken ct)
    {
        try
        {
            await _ctx.Raise(alerts, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            ProbeLog.RaiseFailed(_ctx.Logger, Definition.Name, e);
            return false;
        }
    }
}
