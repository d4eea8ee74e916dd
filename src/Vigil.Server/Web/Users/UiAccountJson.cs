using System.Text.Json.Nodes;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Users;

/// <summary>A user as the API and the audit log show it: never the password hash.</summary>
public static class UiAccountJson
{
    public static JsonObject Of(UiAccount a) => new()
    {
        ["name"] = a.Name,
        ["role"] = UiRoles.Name(a.Role),
        ["person"] = a.Person,
        ["disabled"] = a.Disabled,
        ["createdAt"] = a.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["updatedAt"] = a.UpdatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>For the audit log's after-image: the user, and whether the password was set or changed (not the hash).</summary>
    public static string Audit(UiAccount a, bool passwordChanged)
    {
        var o = Of(a);
        if (passwordChanged)
        {
            o["password"] = "changed";
        }
        return o.ToJsonString();
    }
}
