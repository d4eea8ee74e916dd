using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>email_configs</c> as Alertmanager 0.25 sends mail: implicit TLS on port 465, otherwise a plain connection upgraded
/// with STARTTLS when <c>require_tls</c> (and refused when the server does not offer it), EHLO with <c>hello</c>, AUTH only
/// when the server offers it and a username is set (CRAM-MD5 with <c>auth_secret</c>, else PLAIN/LOGIN with the password),
/// the templated headers, and a multipart/alternative body of the text part then the HTML part, quoted-printable.
/// Template and address errors are not retried (Alertmanager's "false" retry); connection and SMTP errors are.
/// </summary>
internal sealed class EmailNotifier : INotifier
{
    public string Kind => "email";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (EmailConfig)notification.Config;
        MimeMessage message;
        InternetAddressList recipients;
        MailboxAddress sender;
        try
        {
            (message, sender, recipients) = EmailMessage.Build(config, notification);
        }
        catch (EmailException e)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, e.Message);
        }
        using var client = new SmtpClient { LocalDomain = config.Hello };
        client.ServerCertificateValidationCallback = Validation(config.Tls);
        if (config.Tls.CertFile is not null || config.Tls.Cert is not null)
        {
            client.ClientCertificates = [config.Tls.Cert is not null
                ? X509Certificate2.CreateFromPem(config.Tls.Cert, config.Tls.Key)
                : X509Certificate2.CreateFromPemFile(config.Tls.CertFile!, config.Tls.KeyFile)];
        }
        try
        {
            var security = config.Smarthost.Port == "465" ? SecureSocketOptions.SslOnConnect
                : config.RequireTls ? SecureSocketOptions.StartTls
                : SecureSocketOptions.None;
            await client.ConnectAsync(config.Smarthost.Host, config.Smarthost.PortNumber, security, ct).ConfigureAwait(false);
            if (client.Capabilities.HasFlag(SmtpCapabilities.Authentication) && config.AuthUsername is { Length: > 0 } user)
            {
                await AuthenticateAsync(client, config, user, ct).ConfigureAwait(false);
            }
            await client.SendAsync(message, sender, recipients.Mailboxes, ct).ConfigureAwait(false);
            await client.DisconnectAsync(true, ct).ConfigureAwait(false);
            return new AttemptResult(AttemptOutcome.Delivered, 250, null);
        }
        catch (SmtpCommandException e)
        {
            return new AttemptResult(AttemptOutcome.Retry, (int)e.StatusCode, $"SMTP {(int)e.StatusCode}: {e.Message}");
        }
        catch (NotSupportedException e) when (config.RequireTls)
        {
            return new AttemptResult(AttemptOutcome.Retry, null,
                $"'require_tls' is true (default) but \"{config.Smarthost}\" does not advertise the STARTTLS extension ({e.Message})");
        }
        catch (Exception e) when (e is SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException
            or SslHandshakeException or EmailException)
        {
            return new AttemptResult(AttemptOutcome.Retry, null, e.Message);
        }
    }

    private static async Task AuthenticateAsync(SmtpClient client, EmailConfig config, string user, CancellationToken ct)
    {
        // Alertmanager tries the server's mechanisms in the server's order and uses the first it can.
        foreach (var mechanism in client.AuthenticationMechanisms)
        {
            switch (mechanism.ToUpperInvariant())
            {
                case "CRAM-MD5" when config.AuthSecret is { Length: > 0 } secret:
                    await client.AuthenticateAsync(new SaslMechanismCramMd5(user, secret), ct).ConfigureAwait(false);
                    return;
                case "PLAIN" or "LOGIN":
                    var password = config.AuthPasswordFile is null ? config.AuthPassword ?? "" : await ReadPasswordAsync(config.AuthPasswordFile, ct).ConfigureAwait(false);
                    if (password.Length == 0)
                    {
                        continue;
                    }
                    SaslMechanism sasl = mechanism.Equals("PLAIN", StringComparison.OrdinalIgnoreCase)
                        ? new SaslMechanismPlain(user, password) { AuthorizationId = config.AuthIdentity ?? "" }
                        : new SaslMechanismLogin(user, password);
                    await client.AuthenticateAsync(sasl, ct).ConfigureAwait(false);
                    return;
            }
        }
        throw new EmailException("find auth mechanism: unknown auth mechanism: " + string.Join(' ', client.AuthenticationMechanisms));
    }

    private static async Task<string> ReadPasswordAsync(string file, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new EmailException($"could not read {file}: {e.Message}");
        }
    }

    private static System.Net.Security.RemoteCertificateValidationCallback? Validation(TlsClientConfig tls)
    {
        if (!tls.InsecureSkipVerify && tls.Ca is null && tls.CaFile is null && tls.ServerName is null)
        {
            return null;
        }
        var trust = new X509Certificate2Collection();
        if ((tls.Ca ?? (tls.CaFile is null ? null : File.ReadAllText(tls.CaFile))) is { } roots)
        {
            trust.ImportFromPem(roots);
        }
        return (_, certificate, _, errors) => tls.InsecureSkipVerify || (certificate is not null &&
            TlsTrust.Trusted(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), errors, trust, tls.ServerName));
    }
}
