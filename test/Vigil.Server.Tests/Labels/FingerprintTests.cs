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
