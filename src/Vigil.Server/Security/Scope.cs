namespace Vigil.Server.Security;

/// <summary>What a token may do. Each scope includes the ones below it: admin ⊃ write ⊃ read.</summary>
public enum Scope
{
    Read = 1,
    Write = 2,
    Admin = 3,
}

public static class Scopes
{
    public static bool TryParse(string? text, out Scope scope)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "read": scope = Scope.Read; return true;
            case "write": scope = Scope.Write; return true;
            case "admin": scope = Scope.Admin; return true;
            default: scope = default; return false;
        }
    }

    public static string Name(Scope scope) => scope.ToString().ToLowerInvariant();
}
