namespace Vigil.Server.Web.Users;

/// <summary>Texts of the Users page that do not need the request.</summary>
public static class UserDirectory
{
    /// <summary>What the page says after a change it redirected from (post/redirect/get), or null.</summary>
    public static string? Notice(string? done, string? user)
    {
        if (string.IsNullOrEmpty(user) || user.Length > 64)
        {
            return null;
        }
        return done switch
        {
            "added" => $"Added {user}.",
            "role" => $"Changed the role of {user}.",
            "disabled" => $"Disabled {user}: their sessions end at their next request.",
            "enabled" => $"Enabled {user}.",
            "removed" => $"Removed {user}.",
            _ => null,
        };
    }
}
