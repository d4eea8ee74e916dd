using Microsoft.Extensions.Logging;

namespace Vigil.Server.Security;

internal static partial class TlsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate {File} reloaded: {Subject}, valid until {NotAfter:u}")]
    public static partial void CertificateReloaded(ILogger logger, string file, string subject, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS certificate {File} changed but cannot be loaded ({Reason}); the previous one stays in service")]
    public static partial void CertificateReloadFailed(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "HTTPS on, with {ClientAuth} (web config {Source})")]
    public static partial void HttpsOn(ILogger logger, ClientAuthType clientAuth, string source);
}
