namespace Vigil.Server.Templates;

/// <summary>Alertmanager's template.Alerts with <c>.Firing</c> and <c>.Resolved</c>.</summary>
internal sealed class TemplateAlerts : List<TemplateAlert>, ITemplateObject
{
    public TemplateAlerts(IEnumerable<TemplateAlert> alerts)
        : base(alerts)
    {
    }

    public string GoTypeName => "template.Alerts";

    public List<TemplateAlert> Firing() => this.Where(a => a.Status == "firing").ToList();

    public List<TemplateAlert> Resolved() => this.Where(a => a.Status == "resolved").ToList();

    public TemplateMember Member(string name) => name switch
    {
        "Firing" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Firing())),
        "Resolved" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Resolved())),
        _ => TemplateMember.None,
    };
}
