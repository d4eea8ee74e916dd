using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Alertmanager's template.Alert: one alert of a notification.</summary>
internal sealed record TemplateAlert(
    string Status, TemplateKV Labels, TemplateKV Annotations, GoTime StartsAt, GoTime EndsAt, string GeneratorURL, string Fingerprint)
    : ITemplateObject, IGoPrintable
{
    public string GoTypeName => "template.Alert";

    public TemplateMember Member(string name) => name switch
    {
        "Status" => TemplateMember.Field(Status),
        "Labels" => TemplateMember.Field(Labels),
        "Annotations" => TemplateMember.Field(Annotations),
        "StartsAt" => TemplateMember.Field(StartsAt),
        "EndsAt" => TemplateMember.Field(EndsAt),
        "GeneratorURL" => TemplateMember.Field(GeneratorURL),
        "Fingerprint" => TemplateMember.Field(Fingerprint),
        _ => TemplateMember.None,
    };

    public void AppendV(StringBuilder sb)
    {
        sb.Append('{').Append(Status).Append(' ');
        Labels.AppendV(sb);
        sb.Append(' ');
        Annotations.AppendV(sb);
        sb.Append(' ').Append(StartsAt).Append(' ').Append(EndsAt).Append(' ').Append(GeneratorURL).Append(' ').Append(Fingerprint).Append('}');
    }
}
