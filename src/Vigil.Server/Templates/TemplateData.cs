using System.Text;

namespace Vigil.Server.Templates;

/// <summary>
/// Alertmanager's template.Data, the dot of every notification template. Notifiers pass a pointer
/// (<c>*template.Data</c> in error texts); amtool passes the value.
/// </summary>
internal sealed record TemplateData(
    string Receiver, string Status, TemplateAlerts Alerts, TemplateKV GroupLabels, TemplateKV CommonLabels, TemplateKV CommonAnnotations, string ExternalURL)
    : ITemplateObject, IGoPrintable
{
    /// <summary>Whether errors name the type <c>*template.Data</c> (notifications) or <c>template.Data</c> (amtool).</summary>
    public bool IsPointer { get; init; } = true;

    public string GoTypeName => IsPointer ? "*template.Data" : "template.Data";

    public TemplateMember Member(string name) => name switch
    {
        "Receiver" => TemplateMember.Field(Receiver),
        "Status" => TemplateMember.Field(Status),
        "Alerts" => TemplateMember.Field(Alerts),
        "GroupLabels" => TemplateMember.Field(GroupLabels),
        "CommonLabels" => TemplateMember.Field(CommonLabels),
        "CommonAnnotations" => TemplateMember.Field(CommonAnnotations),
        "ExternalURL" => TemplateMember.Field(ExternalURL),
        _ => TemplateMember.None,
    };

    public void AppendV(StringBuilder sb)
    {
        if (IsPointer)
        {
            sb.Append('&');
        }
        sb.Append('{').Append(Receiver).Append(' ').Append(Status).Append(' ');
        GoFormat.AppendV(sb, Alerts);
        sb.Append(' ');
        GroupLabels.AppendV(sb);
        sb.Append(' ');
        CommonLabels.AppendV(sb);
        sb.Append(' ');
        CommonAnnotations.AppendV(sb);
        sb.Append(' ').Append(ExternalURL).Append('}');
    }
}
