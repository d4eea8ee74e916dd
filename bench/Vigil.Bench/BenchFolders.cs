namespace Vigil.Bench;

/// <summary>
/// The benches' temp folders. A 1M run leaves ~1 GB of data folder behind, five of them filled this machine's disk:
/// data folders are removed once measured, logs stay; <c>VIGIL_BENCH_KEEP=1</c> keeps everything for a look.
/// </summary>
internal static class BenchFolders
{
    public static bool Keep => Environment.GetEnvironmentVariable("VIGIL_BENCH_KEEP") is { Length: > 0 };

    /// <summary>Removes the servers' data folders (<c>data*</c>) under <paramref name="dir"/>, unless <see cref="Keep"/>.</summary>
    public static void RemoveData(string dir)
    {
        if (Keep || !Directory.Exists(dir))
        {
            return;
        }
        foreach (var data in Directory.EnumerateDirectories(dir, "data*"))
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file still held by a process going away, or not ours to remove: left for the temp folder's cleaner
                // (a long run's report matters more than its leftovers).
            }
        }
    }
}
