namespace Vigil.Server.Plans;

/// <summary>One entry of <c>serial</c>: a number of hosts (<c>2</c>) or a share of all the plan's hosts (<c>"25%"</c>).</summary>
public readonly record struct SerialSize(int Count, bool IsPercent)
{
    /// <summary>The batch size for a plan over <paramref name="hostCount"/> hosts: a percentage rounds down, and is never below 1.</summary>
    public int For(int hostCount) => IsPercent ? Math.Max(1, hostCount * Count / 100) : Count;

    public override string ToString() => IsPercent ? $"{Count}%" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
