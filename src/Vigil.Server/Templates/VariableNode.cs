namespace Vigil.Server.Templates;

/// <summary>A variable with an optional field chain: <c>$alert.Labels</c>.</summary>
internal sealed class VariableNode(int pos, TemplateSource source, string[] ident) : TemplateNode(pos, source)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => string.Join(".", Ident);
}
