using Vigil.Server.Templates;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// Alertmanager's tmplText/tmplHTML: renders configuration fields over the notification's data, keeping the first error
/// (a failed field renders empty). Integrations check <see cref="Error"/> where Alertmanager does.
/// </summary>
internal sealed class TemplateFields(Notification notification)
{
    public string? Error { get; private set; }

    public string Text(string? field) => Render(field, html: false);

    public string Html(string? field) => Render(field, html: true);

    private string Render(string? field, bool html)
    {
        if (Error is not null || string.IsNullOrEmpty(field))
        {
            return "";
        }
        try
        {
            return html ? notification.Templates.ExecuteHtml(field, notification.Data) : notification.Templates.ExecuteText(field, notification.Data);
        }
        catch (TemplateException e)
        {
            Error = e.Message;
            return "";
        }
    }
}
