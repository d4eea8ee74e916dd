using System.Globalization;

namespace Vigil.Bench;

/// <summary>A command-line client verb run several times in a row; the figures are the medians of the invocations.</summary>
internal sealed record CliResult(string CommandLine, IReadOnlyList<CliInvocation> Invocations)
{
    public double WallMs => Median(Invocations.Select(i => i.Wall.TotalMilliseconds));

    public double MaxRssMiB => Median(Invocations.Where(i => !i.TimedOut).Select(i => i.MaxRssBytes / 1048576.0));

    public int Lines => Invocations.Count == 0 ? 0 : Invocations[^1].Lines;

    /// <summary>The first failed invocation's exit code and last line of stderr; null when all succeeded.</summary>
    public string? Failure => Invocations.FirstOrDefault(i => i.ExitCode != 0) is { } f
        ? string.Create(CultureInfo.InvariantCulture, $"exit {f.ExitCode}: {f.Error}")
        : null;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"median of {Invocations.Count}: {WallMs:F0} ms wall, {MaxRssMiB:F0} MiB max RSS, {Lines} lines{(Failure is { } e ? "; FAILED " + e : "")} ({string.Join(", ", Invocations.Select(i => i.Wall.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)))} ms)");

    private static double Median(IEnumerable<double> values) => Spread.Of(values.Select(v => (double?)v))?.Median ?? double.NaN;
}
