namespace Vigil.Server.Config;

/// <summary>Alertmanager's HostPort (<c>smtp_smarthost</c>): <c>host:port</c>, both parts required, as Go's net.SplitHostPort reads it.</summary>
internal static class SmtpAddress
{
    public static (string Host, int Port) Check(YamlCursor node)
    {
        var text = node.Text();
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            throw node.Error($"address {text}: missing port in address");
        }
        var host = text[..colon].TrimStart('[').TrimEnd(']');
        var portText = text[(colon + 1)..];
        if (host.Length == 0 && portText.Length == 0)
        {
            throw node.Error("host and port are required");
        }
        if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) ||
            port is < 1 or > 65535)
        {
            throw node.Error($"address {text}: invalid port");
        }
        return (host, port);
    }
}
