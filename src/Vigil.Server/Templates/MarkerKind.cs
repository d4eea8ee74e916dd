namespace Vigil.Server.Templates;

/// <summary>Keyword actions without a pipeline: loop control and the parser's end/else markers.</summary>
internal enum MarkerKind
{
    Break,
    Continue,
    End,
    Else,
}
