using Vigil.Server.Labels;

namespace Vigil.Server.Probes;

/// <summary>
/// One configured probe (<c>probes[]</c>): what to check (<see cref="Http"/>, <see cref="Tcp"/> or <see cref="Dns"/>, exactly one
/// set), how often, and how many consecutive results change its state, as a load balancer's health check does.
/// </summary>
public sealed record ProbeDefinition
{
    /// <summary>The shortest interval accepted.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest interval accepted: a probe that runs less than daily is a heartbeat's job.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(24);

    /// <summary>The shortest timeout accepted (the longest is the interval).</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Unique name; the <c>probe</c> label of its alert and metrics.</summary>
    public required string Name { get; init; }

    /// <summary>Time between runs, from 1s to 24h. Default 30s.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one run may take before it counts as failed, from 100ms to the interval. Default 10s (or the interval when shorter).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Consecutive failures that take an up probe down. Default 3.</summary>
    public int Fall { get; init; } = 3;

    /// <summary>Consecutive successes that bring a down probe back up. Default 2.</summary>
    public int Rise { get; init; } = 2;

    /// <summary>Labels of its <c>ProbeFailed</c> alert (<c>service</c>, <c>component</c>, <c>impact</c>, any).</summary>
    public LabelSet Labels { get; init; } = LabelSet.Empty;

    public HttpProbeSpec? Http { get; init; }

    public TcpProbeSpec? Tcp { get; init; }

    public DnsProbeSpec? Dns { get; init; }

    public string Kind => Http is not null ? "http" : Tcp is not null ? "tcp" : "dns";

    /// <summary>What is probed, for people: the URL (without a <c>user:password@</c>: it is shown to read tokens and in
    /// alerts), host:port, or "A example.com".</summary>
    public string Target => Http is { } h ? WithoutCredentials(h.Url) : Tcp is { } t ? $"{t.Host}:{t.Port}" : $"{Dns!.RecordType} {Dns.Name}";

    private static string WithoutCredentials(Uri url) =>
        url.UserInfo.Length == 0 ? url.ToString() : new UriBuilder(url) { UserName = "", Password = "" }.Uri.ToString();
}
