namespace Vigil.Server.Plans;

/// <summary>
/// <c>serial</c>: one size for every batch (<c>1</c>, <c>"25%"</c>), or a ramp (<c>[1, 2, "25%"]</c>) whose last
/// size repeats until every host is in a batch — as Ansible's <c>serial</c> reads.
/// </summary>
public sealed record PlanSerial(IReadOnlyList<SerialSize> Sizes)
{
    public static readonly PlanSerial One = new([new SerialSize(1, false)]);

    /// <summary>The sizes of the batches for <paramref name="hostCount"/> hosts, in order; the last may be smaller.</summary>
    public IReadOnlyList<int> Batches(int hostCount)
    {
        var batches = new List<int>();
        var left = hostCount;
        for (var i = 0; left > 0; i++)
        {
            var size = Math.Min(left, Sizes[Math.Min(i, Sizes.Count - 1)].For(hostCount));
            batches.Add(size);
            left -= size;
        }
        return batches;
    }

    public override string ToString() => Sizes.Count == 1 ? Sizes[0].ToString() : "[" + string.Join(", ", Sizes) + "]";
}
