namespace Vigil.Server.Templates;

/// <summary>A sequence of nodes.</summary>
internal sealed class ListNode(int pos, TemplateSource source) : TemplateNode(pos, source)
{
    public List<TemplateNode> Nodes { get; } = [];

    public override string ToString() => string.Concat(Nodes.Select(n => n.ToString()));
}
