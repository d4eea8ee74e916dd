using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Email;

/// <summary>
/// Sends an outbox message of integration <c>email</c> over SMTP with MailKit: the target is <c>mailto:ADDRESS</c>, the
/// payload <c>{"subject","text","html"}</c>; server, port, STARTTLS and credentials come from <c>smtp:</c> at send time.
/// A refused recipient or message (5xx) is not retried; connection problems and 4xx are.
/// </summary>
public sealed class EmailSender(ConfigHolder config)
{
    internal async Task<AttemptResult> SendAsync(string target, byte[] payload, CancellationToken ct)
    {
        var smtp = config.Current.Smtp;
        if (smtp.Host is null)
        {
            return new AttemptResult(AttemptOutcome.Retry, null, "smtp.host is not configured");
        }
        MimeMessage message;
        try
        {
            message = Build(smtp.From, target, payload);
        }
        catch (Exception e) when (e is JsonException or ParseException or FormatException or InvalidOperationException)
        {
            return new AttemptResult(AttemptOutcome.Fail, null, "not a valid email: " + e.Message);
        }
        using var client = new SmtpClient();
        try
        {
            var security = smtp.StartTls switch
            {
                "always" => SecureSocketOptions.StartTls,
                "never" => SecureSocketOptions.None,
                "tls" => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            };
            await client.ConnectAsync(smtp.Host, smtp.Port, security, ct).ConfigureAwait(false);
            if (smtp.Username is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, smtp.Password ?? "", ct).ConfigureAwait(false);
            }
            await client.SendAsync(message, ct).ConfigureAwait(false);
            await client.DisconnectAsync(true, ct).ConfigureAwait(false);
            return new AttemptResult(AttemptOutcome.Delivered, 250, null);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            return new AttemptResult(code >= 500 ? AttemptOutcome.Fail : AttemptOutcome.Retry, code, $"SMTP {code}: {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or AuthenticationException or IOException or System.Net.Sockets.SocketException or SslHandshakeException)
        {
            return new AttemptResult(AttemptOutcome.Retry, null, e.Message);
        }
    }

    private static MimeMessage Build(string from, string target, byte[] payload)
    {
        using var doc = JsonDocument.Parse(payload);
        var root = doc.RootElement;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(target.StartsWith("mailto:", StringComparison.Ordinal) ? target[7..] : target));
        message.Subject = root.GetProperty("subject").GetString() ?? "";
        message.Body = new BodyBuilder
        {
            TextBody = root.GetProperty("text").GetString(),
            HtmlBody = root.GetProperty("html").GetString(),
        }.ToMessageBody();
        return message;
    }
}
