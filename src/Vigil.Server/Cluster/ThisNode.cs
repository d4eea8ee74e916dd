using System.Security.Cryptography;
using System.Text;
using Vigil.Server.AlertmanagerApi;
using Vigil.Server.Config;
using Vigil.Server.Hosting;

namespace Vigil.Server.Cluster;

/// <summary>
/// Who this process is among the nodes sharing a database: a name (<c>--node</c>, or host name and port), an instance id
/// new at every start (so a restarted node never mistakes its dead predecessor's leases for its own), and what it runs.
/// The name is known once the server listens (the port may be picked then); <see cref="Named"/> completes at that moment.
/// </summary>
public sealed class ThisNode(VigilServerOptions options, ConfigHolder config, TimeProvider clock)
{
    private readonly TaskCompletionSource _named = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (string Original, string Hash)? _hash;

    public string Name { get; private set; } = options.Node ?? "";

    /// <summary>Random per process: what leases and heartbeats are written with besides the name.</summary>
    public string Instance { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public string Address { get; private set; } = "";

    public DateTimeOffset StartedAt { get; } = clock.GetUtcNow();

    public string Version => VigilVersion.Full;

    /// <summary>The first 16 hex digits of the SHA-256 of the configuration file as read (follows reloads).</summary>
    public string ConfigHash
    {
        get
        {
            var original = config.Current.Original;
            if (_hash is { } h && ReferenceEquals(h.Original, original))
            {
                return h.Hash;
            }
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(original)))[..16];
            _hash = (original, hash);
            return hash;
        }
    }

    /// <summary>Completes when the node has its name (the server listens).</summary>
    public Task Named => _named.Task;

    /// <summary>Called once the server listens at <paramref name="url"/>.</summary>
    public void Listening(string url)
    {
        Address = url;
        if (Name.Length == 0)
        {
            Name = $"{Environment.MachineName}:{new Uri(url).Port}";
        }
        _named.TrySetResult();
    }
}
