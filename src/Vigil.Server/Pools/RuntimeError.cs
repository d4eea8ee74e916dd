namespace Vigil.Server.Pools;

/// <summary>Why an HAProxy Runtime API command did not do what was asked; a value, never thrown to callers.</summary>
public sealed record RuntimeError(RuntimeErrorKind Kind, string Message)
{
    public override string ToString() => Message;
}
