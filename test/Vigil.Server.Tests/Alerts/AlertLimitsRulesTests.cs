using Vigil.Server.Alerts;
using Vigil.Server.Config;
using Vigil.Server.Labels;

namespace Vigil.Server.Tests.Alerts;

/// <summary><see cref="AlertLimits"/> counts UTF-8 bytes exactly at the boundary, whatever the characters.</summary>
public sealed class AlertLimitsRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a", 4096, null)]
    [InlineData("a", 4097, "label_value_size")]
    [InlineData("é", 2048, null)]             // 2 bytes each
    [InlineData("é", 2049, "label_value_size")]
    [InlineData("€", 1365, null)]             // 3 bytes each: 4095
    [InlineData("€", 1366, "label_value_size")] // 4098
    [InlineData("😀", 1024, null)]            // a surrogate pair: 2 chars, 4 bytes
    [InlineData("😀", 1025, "label_value_size")]
    public void LabelValue_IsMeasuredInUtf8Bytes(string unit, int repeat, string? reason)
    {
        var value = string.Concat(Enumerable.Repeat(unit, repeat));
        var alert = Alert(LabelSet.Of(("alertname", "A"), ("v", value)));

        Assert.Equal(reason, AlertLimits.Check(alert, new ServerLimits())?.Reason);
    }

    [Fact]
    public void AlertSize_CountsNamesValuesAndGeneratorUrl()
    {
        var limits = new ServerLimits { MaxAlertBytes = 100 };
        // 9 + 1 bytes of labels, 7 + 40 of annotations: 57; a URL of 43 makes 100.
        var annotations = LabelSet.From([KeyValuePair.Create("summary", new string('s', 40))], keepEmptyValues: true);
        var at = Alert(LabelSet.Of(("alertname", "A")), annotations, new string('u', 43));
        var past = at with { GeneratorUrl = new string('u', 44) };

        Assert.Null(AlertLimits.Check(at, limits));
        Assert.Equal("101 bytes of labels, annotations and generatorURL, over the limit of 100 (server.limits.max_alert_bytes)", AlertLimits.Check(past, limits)?.Message);
    }

    [Fact]
    public void AnOversizedName_IsCutInTheMessage()
    {
        var name = "n" + new string('a', 2000);
        var problem = AlertLimits.Check(Alert(LabelSet.Of(("alertname", "A"), (name, "v"))), new ServerLimits());

        Assert.Equal("label_name_size", problem?.Reason);
        Assert.Equal($"label name \"{name[..64]}…\" is 2001 bytes, over the limit of 1024 (server.limits.max_label_name_bytes)", problem?.Message);
    }

    [Fact]
    public void ARequest_OverTheAlertCount_IsOneViolation_CountingEveryAlert()
    {
        var alerts = Enumerable.Range(0, 4).Select(i => Alert(LabelSet.Of(("alertname", $"A{i}")))).ToList();

        var found = AlertLimits.Check(alerts, new ServerLimits { MaxAlertsPerRequest = 3 });

        var only = Assert.Single(found!);
        Assert.Equal(("alerts_per_request", 4), (only.Reason, only.Alerts));
        Assert.Null(AlertLimits.Check(alerts, new ServerLimits { MaxAlertsPerRequest = 4 }));
    }

    private static Alert Alert(LabelSet labels, LabelSet? annotations = null, string generatorUrl = "") =>
        new(labels, annotations is null ? AnnotationSet.Empty : AnnotationSet.From(annotations), Now, Now.AddMinutes(5), generatorUrl, Now, Timeout: true);
}
