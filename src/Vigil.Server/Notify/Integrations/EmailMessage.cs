using MimeKit;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>The message Alertmanager 0.25 would write for an <c>email_configs</c> entry: its headers and parts, rendered.</summary>
internal static class EmailMessage
{
    public static (MimeMessage Message, MailboxAddress Sender, InternetAddressList Recipients) Build(EmailConfig config, Notification notification)
    {
        var fields = new TemplateFields(notification);
        var from = fields.Text(config.From);
        if (fields.Error is { } fromError)
        {
            throw new EmailException("execute 'from' template: " + fromError);
        }
        var to = fields.Text(config.To);
        if (fields.Error is { } toError)
        {
            throw new EmailException("execute 'to' template: " + toError);
        }
        var senders = Addresses(from, "from");
        if (senders.Mailboxes.Count() != 1)
        {
            throw new EmailException($"must be exactly one 'from' address (got: {senders.Mailboxes.Count()})");
        }
        var recipients = Addresses(to, "to");

        var message = new MimeMessage();
        message.Headers.Clear();
        foreach (var (name, template) in config.Headers)
        {
            var header = new TemplateFields(notification);
            var value = header.Text(template);
            if (header.Error is { } error)
            {
                throw new EmailException($"execute \"{name}\" header template: {error}");
            }
            message.Headers.Add(name, value);
        }
        if (!config.Headers.Any(h => h.Key == "Message-Id"))
        {
            message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        }
        message.Date = notification.Now;

        var body = new Multipart("alternative");
        if (config.Text.Length > 0)
        {
            body.Add(Part("plain", Render(notification, config.Text, html: false, "text")));
        }
        if (config.Html.Length > 0)
        {
            // The preferred alternative last (RFC 2046 5.1.4), as Alertmanager.
            body.Add(Part("html", Render(notification, config.Html, html: true, "html")));
        }
        message.Body = body;
        return (message, senders.Mailboxes.First(), recipients);
    }

    private static InternetAddressList Addresses(string text, string what)
    {
        try
        {
            return InternetAddressList.Parse(text);
        }
        catch (ParseException e)
        {
            throw new EmailException($"parse '{what}' addresses: {e.Message}");
        }
    }

    private static string Render(Notification notification, string template, bool html, string what)
    {
        var fields = new TemplateFields(notification);
        var text = html ? fields.Html(template) : fields.Text(template);
        return fields.Error is { } error ? throw new EmailException($"execute {what} template: {error}") : text;
    }

    private static TextPart Part(string subtype, string text) =>
        new(subtype) { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
}
