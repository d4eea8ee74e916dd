namespace Vigil.Server.Tests.Support;

/// <summary>Every storage-touching test runs on both engines.</summary>
public static class Engines
{
    public static TheoryData<string> Both => new() { "sqlite", "postgres" };
}
