namespace Vigil.Server.Templates;

/// <summary>One stage of a pipeline: a function, field or value and its arguments.</summary>
internal sealed class CommandNode(int pos, TemplateSource source) : TemplateNode(pos, source)
{
    public List<TemplateNode> Args { get; } = [];

    public override string ToString() => string.Join(" ", Args.Select(a => a is PipeNode ? "(" + a + ")" : a.ToString()));
}
