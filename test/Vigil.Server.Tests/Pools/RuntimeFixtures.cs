namespace Vigil.Server.Tests.Pools;

/// <summary>Answers captured from a real HAProxy 2.6.12 (Debian 12) admin socket, byte for byte.</summary>
internal static class RuntimeFixtures
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Pools", "Fixtures", name));
}
