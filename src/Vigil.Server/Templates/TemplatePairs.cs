namespace Vigil.Server.Templates;

/// <summary>Alertmanager's template.Pairs: a list of pairs with <c>.Names</c> and <c>.Values</c>.</summary>
internal sealed class TemplatePairs(int capacity) : List<TemplatePair>(capacity), ITemplateObject
{
    public string GoTypeName => "template.Pairs";

    public List<string> Names() => this.Select(p => p.Name).ToList();

    public List<string> Values() => this.Select(p => p.Value).ToList();

    public TemplateMember Member(string name) => name switch
    {
        "Names" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Names())),
        "Values" => TemplateMember.Call(TemplateFunction.Of(name, [], _ => Values())),
        _ => TemplateMember.None,
    };
}
