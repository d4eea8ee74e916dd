namespace Vigil.Server.Templates;

/// <summary>The kinds of <see cref="LiteralNode"/>.</summary>
internal enum LiteralKind
{
    Dot,
    Nil,
    Bool,
    Number,
    String,
}
