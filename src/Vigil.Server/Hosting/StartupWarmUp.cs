using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Prometheus;
using Vigil.Server.Config;
using Vigil.Server.Observability;

namespace Vigil.Server.Hosting;

/// <summary>
/// First-call work of a server's start done on a second thread while the first one reads the command line and the
/// configuration: YamlDotNet's parser (its first document builds a compiled regex), SQLite's native library,
/// prometheus-net's statics (its metric-name regexes) and the system's cryptography library (OpenSSL: the signing key of
/// agent actions is made or read in the restore, the admin token hashed right after it). Each is work the start does
/// later anyway, on its own path and in the same way; whichever thread gets there first does it, the other finds it done
/// (or waits for it to finish).
/// </summary>
public static class StartupWarmUp
{
    /// <summary>Starts the warm-up; <paramref name="sqlite"/> false skips SQLite (a server on PostgreSQL).</summary>
    public static void Begin(bool sqlite)
    {
        var thread = new Thread(() => Run(sqlite)) { IsBackground = true, Name = "vigil start-up warm-up" };
        thread.Start();
    }

    private static void Run(bool sqlite)
    {
        try
        {
            ConfigLoader.ParseYaml("warm: [up]\n", "warm-up");
            if (sqlite)
            {
                using var connection = new SqliteConnection("Data Source=:memory:");
                connection.Open();
            }
            RuntimeHelpers.RunClassConstructor(typeof(VigilMetrics).TypeHandle);
            Metrics.WithCustomRegistry(Metrics.NewCustomRegistry()).CreateGauge("vigil_warm_up", "Never published.", "label");
            using (var made = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            using (var read = ECDsa.Create())
            {
                read.ImportFromPem(made.ExportPkcs8PrivateKeyPem());
            }
            SHA256.HashData(RandomNumberGenerator.GetBytes(32));
        }
        catch (Exception)
        {
            // Only speed is lost: the start does each of these itself.
        }
    }
}
