namespace Vigil.Server.Templates;

/// <summary>The Go parameter types of template functions, for Go's argument checks and their error texts.</summary>
internal sealed class GoType
{
    public static readonly GoType Any = new("interface {}", _ => true, canBeNil: true);
    public static readonly GoType Value = new("reflect.Value", _ => true, canBeNil: false);
    public static readonly GoType String = new("string", v => v is string, canBeNil: false);
    public static readonly GoType Int = new("int", v => v is long, canBeNil: false);
    public static readonly GoType Float = new("float64", v => v is double, canBeNil: false);
    public static readonly GoType Bool = new("bool", v => v is bool, canBeNil: false);
    public static readonly GoType StringSlice = new("[]string", v => v is IReadOnlyList<string>, canBeNil: true);
    public static readonly GoType Time = new("time.Time", v => v is GoTime, canBeNil: false);

    private readonly Func<object?, bool> _accepts;

    private GoType(string name, Func<object?, bool> accepts, bool canBeNil)
    {
        Name = name;
        _accepts = accepts;
        CanBeNil = canBeNil;
    }

    public string Name { get; }

    public bool CanBeNil { get; }

    public bool Accepts(object? value) => _accepts(value);

    public override string ToString() => Name;
}
