namespace Vigil.Server.Templates;

/// <summary>The control structures that take a pipeline, a list and an optional else list.</summary>
internal enum BranchKind
{
    If,
    Range,
    With,
}
