using System.Text;

namespace Vigil.Server.Templates;

/// <summary>Alertmanager's template.Pair: <c>.Name</c> and <c>.Value</c>.</summary>
internal sealed record TemplatePair(string Name, string Value) : ITemplateObject, IGoPrintable
{
    public string GoTypeName => "template.Pair";

    public TemplateMember Member(string name) => name switch
    {
        "Name" => TemplateMember.Field(Name),
        "Value" => TemplateMember.Field(Value),
        _ => TemplateMember.None,
    };

    public void AppendV(StringBuilder sb) => sb.Append('{').Append(Name).Append(' ').Append(Value).Append('}');
}
