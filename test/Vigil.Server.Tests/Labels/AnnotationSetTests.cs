using System.Text;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Labels;

/// <summary>Annotations packed as UTF-8 read back as the label set they were made from.</summary>
public sealed class AnnotationSetTests
{
    [Fact]
    public void PackedAnnotations_GiveBackEveryPair_ByName_WithEmptyValuesKept()
    {
        var set = AnnotationSet.Of(("summary", "Disk full on db-1"), ("runbook", ""), ("description", "Plattenplatz: 97 % — Ärger 🔥"));

        Assert.Equal(3, set.Count);
        Assert.Equal("Disk full on db-1", set.Get("summary"));
        Assert.Equal("", set.Get("runbook"));
        Assert.Equal("Plattenplatz: 97 % — Ärger 🔥", set.Get("description"));
        Assert.Null(set.Get("missing"));
        Assert.Equal(["description", "runbook", "summary"], set.Select(p => p.Key));
        Assert.Equal("{description=\"Plattenplatz: 97 % — Ärger 🔥\", runbook=\"\", summary=\"Disk full on db-1\"}", set.ToString());
    }

    [Fact]
    public void TheSamePairs_InAnyOrder_AreEqual_AndALaterNameReplacesAnEarlierOne()
    {
        var a = AnnotationSet.Of(("b", "2"), ("a", "1"));
        var b = AnnotationSet.From(LabelSet.Of(("a", "1"), ("b", "2")));
        var replaced = AnnotationSet.Of(("a", "0"), ("b", "2"), ("a", "1"));

        Assert.Equal(a, b);
        Assert.True(a == replaced);
        Assert.Equal(a.GetHashCode(), replaced.GetHashCode());
        Assert.NotEqual(a, AnnotationSet.Of(("a", "1"), ("b", "3")));
    }

    [Fact]
    public void TheEmptySet_IsTheDefault_AndHasNoPairs()
    {
        Assert.Equal(AnnotationSet.Empty, default);
        Assert.Equal(AnnotationSet.Empty, AnnotationSet.From(LabelSet.Empty));
        Assert.True(AnnotationSet.Empty.IsEmpty);
        Assert.Null(AnnotationSet.Empty.Get("summary"));
        Assert.Same(LabelSet.Empty, AnnotationSet.Empty.ToLabelSet());
        Assert.Empty(AnnotationSet.Empty);
    }

    [Fact]
    public void LongValues_RoundTripThroughTheirPackedBytes()
    {
        var set = AnnotationSet.Of(("description", new string('x', 70_000)), ("summary", "short"));

        var copy = AnnotationSet.FromPacked(set.Packed);

        Assert.Equal(set, copy);
        Assert.Equal(70_000, copy.Get("description")!.Length);
        Assert.Equal(LabelSet.From(set, keepEmptyValues: true), copy.ToLabelSet());
    }

    [Fact]
    public void DamagedPackedBytes_AreRefused_NotReadAsAnnotations()
    {
        var good = AnnotationSet.Of(("a", "1"), ("b", "2")).Packed.ToArray();
        byte[] cut = good[..^1];
        byte[] unsorted = [.. AnnotationSet.Of(("b", "2")).Packed, .. AnnotationSet.Of(("a", "1")).Packed];
        byte[] notUtf8 = [1, (byte)'a', 2, 0xC3, 0x28];

        foreach (var damaged in new[] { cut, unsorted, notUtf8 })
        {
            Assert.Throws<InvalidDataException>(() => AnnotationSet.FromPacked(damaged));
        }
        Assert.Equal("1", AnnotationSet.FromPacked(good).Get("a"));
    }

    [Fact]
    public void Utf8Pairs_WalkTheBytesOfEachNameAndValue()
    {
        var set = AnnotationSet.Of(("é", "ü"), ("a", ""));
        var seen = new List<string>();

        for (var pair = set.Utf8Pairs(); pair.Next();)
        {
            seen.Add($"{Encoding.UTF8.GetString(pair.Name)}={Encoding.UTF8.GetString(pair.Value)} ({pair.Value.Length} bytes)");
        }

        Assert.Equal(["a= (0 bytes)", "é=ü (2 bytes)"], seen);
    }
}
