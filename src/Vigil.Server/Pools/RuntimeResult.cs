namespace Vigil.Server.Pools;

/// <summary>A Runtime API answer: the parsed value, or the <see cref="RuntimeError"/> that replaced it.</summary>
public readonly record struct RuntimeResult<T>(T? Value, RuntimeError? Error)
{
    public bool Ok => Error is null;

    public static RuntimeResult<T> Success(T value) => new(value, null);

    public static RuntimeResult<T> Failure(RuntimeError error) => new(default, error);

    public static RuntimeResult<T> Failure(RuntimeErrorKind kind, string message) => new(default, new RuntimeError(kind, message));
}
