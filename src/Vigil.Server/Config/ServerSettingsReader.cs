namespace Vigil.Server.Config;

/// <summary>Reads Vigil's own <c>server:</c> section; absent keys keep the defaults documented on <see cref="ServerSettings"/>.</summary>
internal static class ServerSettingsReader
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "max_body_bytes", "allow_unauthenticated_loopback_ingest", "external_url", "durability",
        "limits",
        "notification_retry_max_delay", "cluster", "compact_after_burst",
    };

    public static ServerSettings Read(YamlCursor? node)
    {
        var defaults = new ServerSettings();
        if (node is null)
        {
            return defaults;
        }
        var map = node.Map(Known);
        var maxBody = defaults.MaxBodyBytes;
        if (map.Get("max_body_bytes") is { } maxNode)
        {
            maxBody = maxNode.Int();
            if (maxBody <= 0)
            {
                throw maxNode.Error($"must be a positive number of bytes, got {maxBody}");
            }
        }
        return new ServerSettings
        {
            MaxBodyBytes = maxBody,
            AllowUnauthenticatedLoopbackIngest = map.Get("allow_unauthenticated_loopback_ingest")?.Bool() ?? defaults.AllowUnauthenticatedLoopbackIngest,
            // Kept as text: it is echoed verbatim as externalURL in webhook payloads.
            ExternalUrl = map.Get("external_url")?.HttpUrl().OriginalString,
            Durability = map.Get("durability") is { } d ? ReadDurability(d) : defaults.Durability,
            Limits = ServerLimitsReader.Read(map.Get("limits")),
            NotificationRetryMaxDelay = map.Get("notification_retry_max_delay") is { } retry ? ReadRetryDelay(retry) : defaults.NotificationRetryMaxDelay,
            Cluster = ClusterSettingsReader.Read(map.Get("cluster")),
            CompactAfterBurst = map.Get("compact_after_burst")?.Bool() ?? defaults.CompactAfterBurst,
        };
    }

    private static TimeSpan ReadRetryDelay(YamlCursor node)
    {
        var delay = node.Duration();
        return delay > TimeSpan.Zero && delay <= TimeSpan.FromHours(24)
            ? delay
            : throw node.Error($"must be a duration from 1ms to 24h, got {Labels.GoQuote.Quote(node.Text())}");
    }

    private static Durability ReadDurability(YamlCursor node) => node.Text() switch
    {
        "process_crash" => Durability.ProcessCrash,
        "power_loss" => Durability.PowerLoss,
        var other => throw node.Error($"must be process_crash or power_loss, got {Labels.GoQuote.Quote(other)}"),
    };
}
