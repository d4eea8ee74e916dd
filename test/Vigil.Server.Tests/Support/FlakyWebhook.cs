using System.Collections.Concurrent;

namespace Vigil.Server.Tests.Support;

/// <summary>
/// One endpoint of a <see cref="LoopbackReceiver"/> that can be taken down (it answers 503) and brought back up;
/// <see cref="Accepted"/> lists, in arrival order, the bodies it answered 200.
/// </summary>
public sealed class FlakyWebhook
{
    private readonly LoopbackReceiver _receiver;
    private readonly string _name;
    private readonly ConcurrentDictionary<int, bool> _accepted = new();
    private volatile bool _down;
    private int _refused;

    public FlakyWebhook(LoopbackReceiver receiver, string name)
    {
        _receiver = receiver;
        _name = name;
        receiver.On(name, (n, _) =>
        {
            if (_down)
            {
                Interlocked.Increment(ref _refused);
                return Task.FromResult(503);
            }
            _accepted[n] = true;
            return Task.FromResult(200);
        });
    }

    public string Url => _receiver.Url(_name);

    /// <summary>Requests answered 503 so far.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public IReadOnlyList<string> Accepted =>
        _receiver.Received(_name).Where(r => _accepted.ContainsKey(r.Number)).Select(r => r.Body).ToList();
}
