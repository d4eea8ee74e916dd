namespace Vigil.Server.Templates;

/// <summary>A function name.</summary>
internal sealed class IdentifierNode(int pos, TemplateSource source, string ident) : TemplateNode(pos, source)
{
    public string Ident { get; } = ident;

    public override string ToString() => Ident;
}
