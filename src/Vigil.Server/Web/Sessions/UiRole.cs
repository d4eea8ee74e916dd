using Vigil.Server.Security;

namespace Vigil.Server.Web.Sessions;

/// <summary>What a signed-in person may do in the UI. Each role includes the ones below it and maps onto the
/// API scope with the same rights: a viewer reads (read), a responder acts on alerts, pages, silences, notes and
/// plans (write), an admin also edits people, schedules, users and tokens (admin).</summary>
public enum UiRole
{
    Viewer = 1,
    Responder = 2,
    Admin = 3,
}

public static class UiRoles
{
    public static bool TryParse(string? text, out UiRole role)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "viewer": role = UiRole.Viewer; return true;
            case "responder": role = UiRole.Responder; return true;
            case "admin": role = UiRole.Admin; return true;
            default: role = default; return false;
        }
    }

    public static string Name(UiRole role) => role.ToString().ToLowerInvariant();

    public static Scope ToScope(UiRole role) => (Scope)(int)role;

    public static UiRole FromScope(Scope scope) => (UiRole)(int)scope;
}
