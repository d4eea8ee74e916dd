namespace Vigil.Server.Templates;

/// <summary>A field chain on dot: <c>.Labels.SortedPairs</c>.</summary>
internal sealed class FieldNode(int pos, TemplateSource source, string[] ident) : TemplateNode(pos, source)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => string.Concat(Ident.Select(i => "." + i));
}
