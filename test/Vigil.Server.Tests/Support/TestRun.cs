[assembly: AssemblyFixture(typeof(Vigil.Server.Tests.Support.TestRun))]

namespace Vigil.Server.Tests.Support;

/// <summary>
/// What a run of this assembly leaves behind is removed when it ends. Before the first test, <c>TMPDIR</c> is pointed at
/// one new folder for the run, so every temporary folder a test makes (data folders, configurations, HAProxy and
/// Alertmanager rigs, the browser's profile) — and those of the processes tests start, which inherit it — lands there;
/// after the last test the shared browser is closed, the folder deleted, and every database made on
/// <c>VIGIL_TEST_POSTGRES</c> for a server under test dropped. A run used to leave ~1,500 folders in /tmp and ~230
/// databases on a developer's PostgreSQL, whose autovacuum then visited each of them every minute.
/// </summary>
public sealed class TestRun : IAsyncLifetime
{
    /// <summary>Set by <c>./test.sh</c>, whose PostgreSQL cluster is deleted after the run: the databases need no dropping.</summary>
    public const string ThrowawayPostgresVariable = "VIGIL_TEST_POSTGRES_THROWAWAY";

    private string? _folder;
    private string? _previous;

    public ValueTask InitializeAsync()
    {
        _previous = Environment.GetEnvironmentVariable("TMPDIR");
        _folder = Directory.CreateTempSubdirectory("vigil-tests-").FullName;
        Environment.SetEnvironmentVariable("TMPDIR", _folder);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await UiBrowser.CloseAsync();
        if (Environment.GetEnvironmentVariable(ThrowawayPostgresVariable) != "1")
        {
            await PostgresTestDatabase.DropAllAsync();
        }
        Environment.SetEnvironmentVariable("TMPDIR", _previous);
        if (_folder is not null)
        {
            DeleteTree(_folder);
        }
    }

    /// <summary>Best effort: a folder a process still writes to (a server a test left running) may stay.</summary>
    private static void DeleteTree(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the system's own cleaning of its temporary folder.
        }
    }
}
