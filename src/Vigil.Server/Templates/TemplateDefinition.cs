namespace Vigil.Server.Templates;

/// <summary>One named template: a file's top level, a <c>{{define}}</c> or a <c>{{block}}</c>.</summary>
internal sealed record TemplateDefinition(string Name, ListNode Root)
{
    /// <summary>Go's IsEmptyTree: only spaces and comments, so a later empty definition does not replace an earlier one.</summary>
    public bool IsEmpty => Root.Nodes.All(n => n is TextNode t && string.IsNullOrWhiteSpace(t.Text));
}
