namespace Vigil.Server.Templates;

/// <summary>A node of a parsed template. <see cref="ToString"/> prints it as Go's Node.String() does (execution errors quote it).</summary>
internal abstract class TemplateNode(int pos, TemplateSource source)
{
    public int Pos { get; } = pos;

    public TemplateSource Source { get; } = source;
}
