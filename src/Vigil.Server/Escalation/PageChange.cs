namespace Vigil.Server.Escalation;

/// <summary>The outcome of acknowledging or resolving: done, or why not, as an HTTP status and a reason.</summary>
public sealed record PageChange(bool Ok, int Status, string? Reason)
{
    public static readonly PageChange Done = new(true, 200, null);

    public static readonly PageChange NotFound = new(false, 404, "page not found");

    public static PageChange Conflict(PageState state) => new(false, 409, $"the page is {PageStore.StateName(state)}");

    public static PageChange Gone(string reason) => new(false, 410, reason);
}
