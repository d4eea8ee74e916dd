using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Hosting;

/// <summary>
/// A start says how many alerts it brought back and how long that took (at a million alerts, the seconds a pager is
/// deaf after a crash): how many came from the snapshot and how many ingest log records were replayed after it.
/// </summary>
public sealed partial class RestoreLogTests
{
    [Theory]
    [MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task AStart_LogsHowManyAlertsItRestored_FromTheSnapshotAndTheLog_AndHowLongItTook(string engine)
    {
        var log = new CapturedLog();
        await using var vigil = await VigilInstance.StartAsync(engine, Configs.Minimal, log: log, logLevel: LogLevel.Information);
        Assert.Equal((0, 0, 0), Restored(log));

        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"alertname":"A"}},{"labels":{"alertname":"B"}}]""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await vigil.PostAlertsAsync("""[{"labels":{"alertname":"C"}}]""")).StatusCode);
        await vigil.RestartAsync();

        var (held, fromSnapshot, records) = Restored(log);
        Assert.Equal(3, held);
        // Whatever the snapshot did not hold yet came from the log (one record per acknowledged request).
        Assert.True(fromSnapshot == 3 || records >= 1, $"{fromSnapshot} from the snapshot, {records} records replayed");
        Assert.InRange(records, 0, 2);
    }

    /// <summary>The numbers of the last "Alerts restored" line: alerts held, from the snapshot, log records replayed.</summary>
    private static (int Held, int FromSnapshot, int Records) Restored(CapturedLog log)
    {
        var line = log.Entries.Last(e => e.Text.StartsWith("Alerts restored:", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        var m = RestoredLine().Match(line.Text);
        Assert.True(m.Success, line.Text);
        int N(int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        return (N(1), N(2), N(3));
    }

    [GeneratedRegex("""^Alerts restored: ([0-9]+) held in [0-9]+\.[0-9]{2} s \(([0-9]+) from the snapshot in [0-9]+\.[0-9]{2} s, then ([0-9]+) ingest log records replayed\)$""")]
    private static partial Regex RestoredLine();
}
