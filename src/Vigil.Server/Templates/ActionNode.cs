namespace Vigil.Server.Templates;

/// <summary>A <c>{{pipeline}}</c> whose value is printed unless it declares variables.</summary>
internal sealed class ActionNode(int pos, TemplateSource source, PipeNode pipe) : TemplateNode(pos, source)
{
    public PipeNode Pipe { get; } = pipe;

    public override string ToString() => "{{" + Pipe + "}}";
}
