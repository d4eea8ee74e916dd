namespace Vigil.Server.Templates;

/// <summary><c>{{break}}</c>, <c>{{continue}}</c>, or the <c>{{end}}</c>/<c>{{else}}</c> the parser consumes.</summary>
internal sealed class MarkerNode(int pos, TemplateSource source, MarkerKind kind) : TemplateNode(pos, source)
{
    public MarkerKind Kind { get; } = kind;

    public override string ToString() => "{{" + Kind.ToString().ToLowerInvariant() + "}}";
}
