using System.Collections.Concurrent;

namespace Vigil.Server.Web.Users;

/// <summary>A small brake on guessing: after <see cref="MaxFailures"/> failed sign-ins for one name from one address
/// within <see cref="Window"/>, further tries for that pair are refused until the window ends. In memory, per node
/// (a restart forgets it, which is fine for a brake).</summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<(string Name, string Address), Entry> _failures = new();

    /// <summary>How long until the pair may try again; zero when it may try now.</summary>
    public TimeSpan WaitFor(string name, string address)
    {
        var now = clock.GetUtcNow();
        return _failures.TryGetValue((name, address), out var e) && e.Count >= MaxFailures && now - e.Since < Window
            ? Window - (now - e.Since)
            : TimeSpan.Zero;
    }

    public void Failed(string name, string address)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            foreach (var (key, entry) in _failures)
            {
                if (now - entry.Since >= Window)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
        _failures.AddOrUpdate((name, address), _ => new Entry(1, now),
            (_, e) => now - e.Since >= Window ? new Entry(1, now) : e with { Count = e.Count + 1 });
    }

    public void Succeeded(string name, string address) => _failures.TryRemove((name, address), out _);

    private sealed record Entry(int Count, DateTimeOffset Since);
}
