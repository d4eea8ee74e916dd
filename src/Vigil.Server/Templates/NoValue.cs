namespace Vigil.Server.Templates;

/// <summary>Go's invalid reflect.Value (e.g. the dot of <c>{{template "x"}}</c> without a pipeline), printed <c>&lt;no value&gt;</c>.</summary>
internal sealed class NoValue
{
    public static readonly NoValue Instance = new();

    /// <summary>Go's missingVal: "no value was piped into this command".</summary>
    public static readonly NoValue NotPiped = new();

    private NoValue()
    {
    }

    public override string ToString() => "<no value>";
}
