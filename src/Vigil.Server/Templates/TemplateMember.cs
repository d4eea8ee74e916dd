namespace Vigil.Server.Templates;

/// <summary>What <c>.Name</c> found on a value: a method to call, a field, a map entry (zero when absent), or nothing.</summary>
internal readonly record struct TemplateMember(MemberKind Kind, object? Value, TemplateFunction? Method)
{
    public static readonly TemplateMember None = new(MemberKind.None, null, null);

    public static TemplateMember Field(object? value) => new(MemberKind.Field, value, null);

    public static TemplateMember MapKey(object? value) => new(MemberKind.MapKey, value, null);

    public static TemplateMember Call(TemplateFunction method) => new(MemberKind.Method, null, method);
}
