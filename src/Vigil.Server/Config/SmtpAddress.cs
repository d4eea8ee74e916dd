using Vigil.Server.Labels;

namespace Vigil.Server.Config;

/// <summary>Alertmanager's HostPort (<c>smtp_smarthost</c>, <c>smarthost</c>): <c>host:port</c> as Go's net.SplitHostPort reads it.</summary>
public sealed record SmtpAddress(string Host, string Port)
{
    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>The port as a number: Go also dials service names, of which the SMTP ones are known here.</summary>
    public int PortNumber => Port switch
    {
        "smtp" => 25,
        "submission" => 587,
        "smtps" or "submissions" => 465,
        _ => int.TryParse(Port, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : 25,
    };

    /// <summary>Null for an empty value (the global applies), as Alertmanager.</summary>
    internal static SmtpAddress? Read(YamlCursor node)
    {
        var text = node.Text();
        if (text.Length == 0)
        {
            return null;
        }
        string host;
        string port;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw node.Error($"address {text}: missing ']' in address");
            }
            if (close + 1 >= text.Length || text[close + 1] != ':')
            {
                throw node.Error($"address {text}: missing port in address");
            }
            host = text[1..close];
            port = text[(close + 2)..];
        }
        else
        {
            var colon = text.LastIndexOf(':');
            if (colon < 0)
            {
                throw node.Error($"address {text}: missing port in address");
            }
            host = text[..colon];
            port = text[(colon + 1)..];
            if (host.Contains(':', StringComparison.Ordinal))
            {
                throw node.Error($"address {text}: too many colons in address");
            }
        }
        if (port.Length == 0)
        {
            throw node.Error($"address {GoQuote.Quote(text)}: port cannot be empty");
        }
        return new SmtpAddress(host, port);
    }
}
