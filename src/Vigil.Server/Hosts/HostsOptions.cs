namespace Vigil.Server.Hosts;

/// <summary>The <c>hosts:</c> section: when a silent host is down, and how a reboot's allowance is learned.</summary>
public sealed record HostsOptions
{
    /// <summary>Missed report intervals after which a host is down (<c>HostDown</c>). Default 3.</summary>
    public int DownAfter { get; init; } = 3;

    /// <summary>The reboot allowance of a host without reboot history. Default 10m.</summary>
    public TimeSpan MinRebootAllowance { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The percentile of past reboot durations that is "normal". Default 95.</summary>
    public double RebootPercentile { get; init; } = 95;

    /// <summary>The allowance is this many times that percentile. Default 1.5.</summary>
    public double RebootFactor { get; init; } = 1.5;

    /// <summary>How many of a host's most recent reboots are learned from. Default 20.</summary>
    public int RebootHistory { get; init; } = 20;
}
