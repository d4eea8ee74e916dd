using Vigil.Server.Config;

namespace Vigil.Server.Tests.Config;

/// <summary><c>server.limits</c>: the documented defaults, values read, and errors naming file, line and key.</summary>
public sealed class ServerLimitsConfigTests
{
    // Four lines, then server: (5) and limits: (6); a case's key is on line 7.
    private const string Base = "route:\n  receiver: a\nreceivers:\n  - name: a\nserver:\n  limits:\n";

    [Fact]
    public void Absent_KeepsTheDocumentedDefaults()
    {
        var limits = ConfigLoader.Load("route:\n  receiver: a\nreceivers:\n  - name: a\n", "vigil.yaml").Server.Limits;

        Assert.Equal(
            (128, 1024, 4096, 64, 65536, 131072, 10_000, 1_000_000, 10_000, 1_000, 10_000),
            (limits.MaxLabelsPerAlert, limits.MaxLabelNameBytes, limits.MaxLabelValueBytes, limits.MaxAnnotationsPerAlert,
                limits.MaxAnnotationValueBytes, limits.MaxAlertBytes, limits.MaxAlertsPerRequest, limits.MaxActiveAlerts,
                limits.MaxSilences, limits.MaxMaintenanceWindows, limits.MaxHeartbeats));
    }

    [Fact]
    public void Given_AreRead_AndTheRestKeepTheirDefaults()
    {
        var limits = ConfigLoader.Load(Base + "    max_active_alerts: 5\n    max_label_value_bytes: 1\n    max_heartbeats: 2147483647\n", "vigil.yaml").Server.Limits;

        Assert.Equal((5, 1, int.MaxValue), (limits.MaxActiveAlerts, limits.MaxLabelValueBytes, limits.MaxHeartbeats));
        Assert.Equal(128, limits.MaxLabelsPerAlert);
    }

    [Theory]
    [InlineData("max_active_alerts: 0", "server.limits.max_active_alerts", "must be a whole number from 1 to 2147483647, got 0")]
    [InlineData("max_labels_per_alert: -1", "server.limits.max_labels_per_alert", "must be a whole number from 1 to 2147483647, got -1")]
    [InlineData("max_silences: 2147483648", "server.limits.max_silences", "must be a whole number from 1 to 2147483647, got 2147483648")]
    [InlineData("max_alert_bytes: 1MiB", "server.limits.max_alert_bytes", "not a valid integer: \"1MiB\"")]
    [InlineData("max_maintenance_windows: 1.5", "server.limits.max_maintenance_windows", "not a valid integer: \"1.5\"")]
    [InlineData("max_alerts: 10", "server.limits.max_alerts", "unknown key")]
    public void Invalid_IsRejected_NamingFileLineAndKey(string line, string key, string reason)
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load(Base + "    " + line + "\n", "vigil.yaml"));

        Assert.Equal(7, e.Line);
        Assert.Equal(key, e.Key);
        Assert.Equal($"vigil.yaml:7: {key}: {reason}", e.Message);
    }

    [Fact]
    public void LimitsThatAreNotAMapping_AreRejected()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigLoader.Load("route:\n  receiver: a\nreceivers:\n  - name: a\nserver:\n  limits: 5\n", "vigil.yaml"));

        Assert.Equal(("server.limits", 6), (e.Key, e.Line));
        Assert.Contains("expected a mapping", e.Message, StringComparison.Ordinal);
    }
}
