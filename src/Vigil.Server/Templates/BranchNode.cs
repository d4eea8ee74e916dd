namespace Vigil.Server.Templates;

/// <summary><c>{{if}}</c>, <c>{{range}}</c> or <c>{{with}}</c> with its list and else list.</summary>
internal sealed class BranchNode(int pos, TemplateSource source, BranchKind kind, PipeNode pipe, ListNode list, ListNode? elseList) : TemplateNode(pos, source)
{
    public BranchKind Kind { get; } = kind;

    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    public override string ToString()
    {
        string name = Kind switch { BranchKind.If => "if", BranchKind.Range => "range", _ => "with" };
        string elsePart = ElseList is null ? "" : "{{else}}" + ElseList;
        return "{{" + name + " " + Pipe + "}}" + List + elsePart + "{{end}}";
    }
}
