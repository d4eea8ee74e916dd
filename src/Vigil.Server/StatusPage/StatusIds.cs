using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.StatusPage;

/// <summary>Opaque, stable ids in Statuspage's style (12 lower-case alphanumerics) for things Vigil names by text.</summary>
internal static class StatusIds
{
    public static string Of(string kind, string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(kind + "\n" + name));
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        var id = new char[12];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = alphabet[hash[i] % alphabet.Length];
        }
        return new string(id);
    }
}
