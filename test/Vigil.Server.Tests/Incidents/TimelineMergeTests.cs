using Vigil.Server.Incidents;

namespace Vigil.Server.Tests.Incidents;

/// <summary>The merge of the sources' entries: by time, ties in source order, duplicates once.</summary>
public sealed class TimelineMergeTests
{
    private static readonly DateTimeOffset T0 = new(2020, 5, 11, 7, 26, 0, TimeSpan.Zero);

    private static IncidentEntry E(int minute, string source, string text, string kind = "k", string? link = null) =>
        new(T0.AddMinutes(minute), source, kind, "vigil", text, link);

    public static TheoryData<IncidentEntry[][], string[]> Cases => new()
    {
        // sources (each in its own order) → the merged texts
        { [[E(5, "a", "a5"), E(1, "a", "a1")], [E(3, "b", "b3")]], ["a1", "b3", "a5"] },
        { [[E(2, "a", "a2")], [E(2, "b", "b2")], [E(2, "c", "c2")]], ["a2", "b2", "c2"] },
        { [[E(2, "a", "second"), E(2, "a", "first")]], ["second", "first"] },
        { [[E(4, "a", "same", "firing", "alert/x")], [E(4, "b", "same", "firing", "alert/x")]], ["same"] },
        { [[E(4, "a", "same", "firing", "alert/x")], [E(4, "b", "same", "firing", "alert/y")]], ["same", "same"] },
        { [[], [E(0, "b", "only")], []], ["only"] },
        { [], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merge_OrdersByTimeThenSourceThenEachSourcesOrder_AndDropsDuplicates(IncidentEntry[][] sources, string[] expected) =>
        Assert.Equal(expected, TimelineMerge.Merge([.. sources]).Select(e => e.Text));
}
