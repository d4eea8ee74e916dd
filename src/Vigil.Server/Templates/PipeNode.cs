namespace Vigil.Server.Templates;

/// <summary>A pipeline: optional variable declarations, then commands joined by <c>|</c>.</summary>
internal sealed class PipeNode(int pos, TemplateSource source) : TemplateNode(pos, source)
{
    public List<VariableNode> Decl { get; } = [];

    public bool IsAssign { get; set; }

    public List<CommandNode> Cmds { get; } = [];

    public override string ToString()
    {
        string decl = Decl.Count > 0 ? string.Join(", ", Decl) + " := " : "";
        return decl + string.Join(" | ", Cmds);
    }
}
