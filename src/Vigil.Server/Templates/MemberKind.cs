namespace Vigil.Server.Templates;

/// <summary>The kinds of <see cref="TemplateMember"/>.</summary>
internal enum MemberKind
{
    None,
    Field,
    MapKey,
    Method,
}
