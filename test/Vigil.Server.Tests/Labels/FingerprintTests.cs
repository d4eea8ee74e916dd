using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Labels;

public sealed class FingerprintTests
{
    [Fact]
    public void EmptyLabelSet_HasTheFnvOffsetBasis()
    {
        Assert.Equal("cbf29ce484222325", LabelSet.Empty.Fingerprint.ToString());
    }

    [Fact]
    public void Fingerprint_DoesNotDependOnLabelOrder()
    {
        var a = LabelSet.Of(("b", "2"), ("a", "1"));
        var b = LabelSet.Of(("a", "1"), ("b", "2"));
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ForeachOverALabelSet_GivesThePairsByName_WithoutAllocating()
    {
        var labels = LabelSet.Of(("b", "2"), ("a", "1"), ("c", "3"));
        static string Read(LabelSet labels)
        {
            var seen = "";
            foreach (var (name, value) in labels)
            {
                seen = string.Concat(seen.AsSpan(), name.AsSpan(), value.AsSpan());
            }
            return seen;
        }
        static long Bytes(LabelSet labels)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var n = 0;
            foreach (var pair in labels)
            {
                n += pair.Key.Length;
            }
            return GC.GetAllocatedBytesForCurrentThread() - before + (n == 3 ? 0 : 1);
        }

        Assert.Equal("a1b2c3", Read(labels));
        Bytes(labels);
        Assert.Equal(0, Bytes(labels));
        Assert.Equal(["a", "b", "c"], labels.Select(p => p.Key));
    }

    [Fact]
    public void EmptyLabelValues_AreDropped_AsAlertmanagerDoes()
    {
        Assert.Equal(LabelSet.Of(("a", "1")), LabelSet.Of(("a", "1"), ("b", "")));
    }

    [Fact]
    public void LabelSetString_IsPrometheusStyle()
    {
        Assert.Equal("{alertname=\"Foo\", env=\"a\\\"b\"}", LabelSet.Of(("env", "a\"b"), ("alertname", "Foo")).ToString());
    }
}
