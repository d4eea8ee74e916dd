namespace Vigil.Drill.Demo;

/// <summary>
/// One server line of a simulated HAProxy backend: its HAProxy name and the simulated host it runs on. What an operator
/// set through the Runtime API (<see cref="Admin"/>) is kept here; whether its health check passes is asked of the fleet.
/// </summary>
internal sealed class SimServer(string backend, string name, string host, int id)
{
    public string Backend => backend;

    public string Name => name;

    public string Host => host;

    public int Id => id;

    /// <summary><c>ready</c>, <c>drain</c> or <c>maint</c>, as the last <c>set server … state</c> left it.</summary>
    public string Admin { get; set; } = "ready";
}
