namespace Vigil.Server.Templates;

/// <summary><c>{{template "name" pipeline}}</c> (also what <c>{{block}}</c> leaves in place).</summary>
internal sealed class TemplateCallNode(int pos, TemplateSource source, string name, PipeNode? pipe) : TemplateNode(pos, source)
{
    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override string ToString() => Pipe is null ? "{{template " + GoQuote.Quote(Name) + "}}" : "{{template " + GoQuote.Quote(Name) + " " + Pipe + "}}";
}
