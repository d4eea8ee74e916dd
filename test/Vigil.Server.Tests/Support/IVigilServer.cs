namespace Vigil.Server.Tests.Support;

/// <summary>A running Vigil server as its clients see it, in-process (<see cref="VigilInstance"/>) or a child process (<see cref="VigilProcess"/>).</summary>
public interface IVigilServer
{
    /// <summary>Its base URL; it changes when the server is started again on port 0.</summary>
    string Url { get; }

    /// <summary>A client carrying the admin token.</summary>
    HttpClient Http { get; }
}
