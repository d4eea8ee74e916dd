using System.Globalization;

namespace Vigil.Bench;

/// <summary>Resident set size now and at its peak, in bytes.</summary>
internal sealed record MemoryReading(int Pid, long RssBytes, long HwmBytes)
{
    public double RssMiB => RssBytes / 1048576.0;

    public double HwmMiB => HwmBytes / 1048576.0;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"pid {Pid}: VmRSS {RssMiB:F1} MiB, VmHWM {HwmMiB:F1} MiB");
}
