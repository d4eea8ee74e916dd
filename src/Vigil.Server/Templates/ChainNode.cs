namespace Vigil.Server.Templates;

/// <summary>A field chain on a term that is not dot or a variable: <c>(index .Alerts 0).Labels</c>.</summary>
internal sealed class ChainNode(int pos, TemplateSource source, TemplateNode node) : TemplateNode(pos, source)
{
    public TemplateNode Node { get; } = node;

    public List<string> Field { get; } = [];

    public override string ToString() =>
        (Node is PipeNode ? "(" + Node + ")" : Node.ToString()) + string.Concat(Field.Select(f => "." + f));
}
