using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Probes;

/// <summary>Internal alerts (probes, heartbeats) come back from the ingest log exactly as they were raised.</summary>
public sealed class InternalAlertCodecTests
{
    [Fact]
    public void Decode_GivesBackWhatWasEncoded()
    {
        var t = new DateTimeOffset(2026, 5, 10, 12, 0, 0, 123, TimeSpan.Zero);
        Alert[] alerts =
        [
            new(LabelSet.Of(("alertname", "ProbeFailed"), ("probe", "shop"), ("impact", "customer")), AnnotationSet.From([KeyValuePair.Create("reason", "timed out \"x\"")]),
                t, t.AddMinutes(5), "", t, Timeout: true),
            new(LabelSet.Of(("alertname", "HeartbeatMissing"), ("heartbeat", "nightly")), AnnotationSet.Empty, t, t.AddSeconds(1), "http://vigil/x", t.AddSeconds(1), Timeout: false),
        ];
        var decoded = InternalAlertCodec.Decode(InternalAlertCodec.Encode(alerts));
        Assert.Equal(alerts, decoded);
    }

    [Fact]
    public void Decode_RejectsGarbage_AsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => InternalAlertCodec.Decode("[{\"l\":{}}]"u8.ToArray()));
    }
}
