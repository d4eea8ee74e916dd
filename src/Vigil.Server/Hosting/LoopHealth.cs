using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vigil.Server.Observability;

namespace Vigil.Server.Hosting;

/// <summary>
/// The health of one background loop, so that one bad item never switches the loop off for the others. An item
/// (heartbeat, probe, window, host, schedule, page) whose evaluation throws is logged, counted, shown with its error
/// in the API and skipped until a backoff has passed; an item that cannot be evaluated at all (a definition out of
/// range, a damaged row from an older version) is skipped until it is replaced. A failed pass is logged, counted and
/// retried after a growing delay. Keys are what the loop looks items up by; names are what the log shows (a
/// heartbeat's key is its ping secret, so it is never logged).
/// </summary>
public sealed class LoopHealth
{
    /// <summary>The wait before a failed item is tried again; it doubles with each failure up to <see cref="MaxItemRetry"/>.</summary>
    public static readonly TimeSpan FirstItemRetry = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxItemRetry = TimeSpan.FromMinutes(5);

    /// <summary>The wait after a failed pass; it doubles with each failure in a row up to <see cref="MaxPassRetry"/>.</summary>
    public static readonly TimeSpan FirstPassRetry = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxPassRetry = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, ItemError> _errors = new(StringComparer.Ordinal);
    private readonly string _loop;
    private readonly ILogger _logger;
    private int _passFailures;

    public LoopHealth(string loop, ILogger logger)
    {
        _loop = loop;
        _logger = logger;
        // The counter is on /metrics at 0 from the start, so a rate or an increase over it works before the first error.
        LoopMetrics.Errors.WithLabels(loop);
    }

    public string Loop => _loop;

    /// <summary>Why the item is skipped, or null when it is evaluated.</summary>
    public string? ErrorOf(string key) => _errors.TryGetValue(key, out var e) ? e.Message : null;

    /// <summary>Whether the loop should leave the item alone at <paramref name="now"/>: it cannot be evaluated, or its retry is not due.</summary>
    public bool ShouldSkip(string key, DateTimeOffset now) =>
        _errors.TryGetValue(key, out var e) && (e.RetryAt is not { } retry || now < retry);

    /// <summary>Records that evaluating the item threw: skipped until a backoff has passed, which is returned.</summary>
    public TimeSpan ItemFailed(string key, string name, Exception error, DateTimeOffset now)
    {
        var failures = _errors.TryGetValue(key, out var previous) && previous.RetryAt is not null ? previous.Failures + 1 : 1;
        var retry = Backoff(FirstItemRetry, MaxItemRetry, failures);
        _errors[key] = new ItemError(error.Message, failures, now + retry);
        LoopMetrics.Errors.WithLabels(_loop).Inc();
        Publish();
        LoopLog.ItemFailed(_logger, _loop, name, retry, error);
        return retry;
    }

    /// <summary>Records that the item cannot be evaluated at all (logged and counted once per reason): skipped until cleared.</summary>
    public void ItemInvalid(string key, string name, string reason)
    {
        if (_errors.TryGetValue(key, out var e) && e.RetryAt is null && e.Message == reason)
        {
            return;
        }
        _errors[key] = new ItemError(reason, 1, null);
        LoopMetrics.Errors.WithLabels(_loop).Inc();
        Publish();
        LoopLog.ItemInvalid(_logger, _loop, name, reason);
    }

    /// <summary>The item was evaluated without error: a failure recorded before is forgotten.</summary>
    public void ItemSucceeded(string key, string name)
    {
        if (_errors.TryGetValue(key, out var e) && e.RetryAt is not null && _errors.TryRemove(key, out _))
        {
            Publish();
            LoopLog.ItemRecovered(_logger, _loop, name);
        }
    }

    /// <summary>Forgets what was recorded for the item (its definition was replaced or it is gone).</summary>
    public void Clear(string key)
    {
        if (_errors.TryRemove(key, out _))
        {
            Publish();
        }
    }

    /// <summary>Forgets every item for which <paramref name="keep"/> is false.</summary>
    public void Retain(Func<string, bool> keep)
    {
        foreach (var key in _errors.Keys)
        {
            if (!keep(key))
            {
                _errors.TryRemove(key, out _);
            }
        }
        Publish();
    }

    /// <summary>A pass completed (items that failed in it were skipped, not fatal).</summary>
    public void PassSucceeded(DateTimeOffset now)
    {
        Volatile.Write(ref _passFailures, 0);
        LoopMetrics.LastSuccess.WithLabels(_loop).Set(now.ToUnixTimeMilliseconds() / 1000.0);
    }

    /// <summary>A whole pass failed: logged and counted; returns how long to wait before the next.</summary>
    public TimeSpan PassFailed(Exception error)
    {
        var retry = Backoff(FirstPassRetry, MaxPassRetry, Interlocked.Increment(ref _passFailures));
        LoopMetrics.Errors.WithLabels(_loop).Inc();
        LoopLog.PassFailed(_logger, _loop, retry, error);
        return retry;
    }

    private void Publish() => LoopMetrics.ItemsFailing.WithLabels(_loop).Set(_errors.Count);

    private static TimeSpan Backoff(TimeSpan first, TimeSpan max, int failures)
    {
        var wait = first * Math.Pow(2, Math.Min(failures - 1, 20));
        return wait < max ? wait : max;
    }

    private sealed record ItemError(string Message, int Failures, DateTimeOffset? RetryAt);
}
