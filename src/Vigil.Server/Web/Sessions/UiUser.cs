using Vigil.Server.Security;

namespace Vigil.Server.Web.Sessions;

/// <summary>The person behind a UI request: their name, role, and how they signed in ("token", "password" or
/// "proxy"). Every action taken through the UI is audited as <c>user:NAME</c>, like a token's name in the API.</summary>
public sealed record UiUser(string Name, UiRole Role, string Via)
{
    private const string ItemKey = "vigil.ui-user";

    /// <summary>The configured person this user is linked to (a local user's <c>person</c>), or null: for "assigned to
    /// me" filters and the default time zone.</summary>
    public string? Person { get; init; }

    /// <summary>The configured person this user is (for "assigned to me"): the linked person, else the same name.</summary>
    public string PersonId => Person ?? Name;

    public static UiUser? Of(HttpContext context) => context.Items.TryGetValue(ItemKey, out var u) ? u as UiUser : null;

    public void AttachTo(HttpContext context)
    {
        context.Items[ItemKey] = this;
        new Caller(AuditName, UiRoles.ToScope(Role), context.Connection.RemoteIpAddress?.ToString() ?? "").AttachTo(context);
    }

    /// <summary>The actor recorded in the audit log.</summary>
    public string AuditName => "user:" + Name;

    public bool Can(UiRole needed) => Role >= needed;
}
