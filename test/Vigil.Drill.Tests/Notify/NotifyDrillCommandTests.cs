using System.Diagnostics;

namespace Vigil.Drill.Tests.Notify;

/// <summary>Runs the real <c>vigil drill notify</c> (the built vigil.dll) on files.</summary>
public sealed class NotifyDrillCommandTests : IDisposable
{
    private const string Alerts = """
        alerts:
          - labels: {alertname: HighLatency, instance: a}
            firing: [{from: 0m, to: 2m}]

        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("drill-").FullName;

    [Fact]
    public void MetExpectations_ExitZero_AndPrintTheNotifications()
    {
        var (code, stdout, _) = Run(Alerts + "expect:\n  - {at: 30s, receiver: team, firing: [HighLatency]}\n  - {at: 5m30s, resolved: ['{instance=\"a\"}']}\n");
        Assert.Equal(0, code);
        Assert.Contains("+30s (2025-01-06T09:00:30Z)  NOTIFY team  group {alertname=\"HighLatency\"}", stdout, StringComparison.Ordinal);
        Assert.Contains("expect met:     ", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void UnmetExpectation_ExitsOne_SayingWhatHappenedInstead()
    {
        var (code, stdout, stderr) = Run(Alerts + "expect:\n  - {at: 1m, receiver: team, firing: [HighLatency]}\n");
        Assert.Equal(1, code);
        Assert.Contains("expect NOT met: ", stdout, StringComparison.Ordinal);
        Assert.Contains("instead: +30s team: firing [{alertname=\"HighLatency\", instance=\"a\"}], resolved []", stdout, StringComparison.Ordinal);
        Assert.Contains("expectation not met", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidFile_ExitsTwo_NamingLineAndKey()
    {
        var (code, _, stderr) = Run("alerts:\n  - labels: {alertname: A}\n    series: nope\n");
        Assert.Equal(2, code);
        Assert.Contains(".yaml:27: alerts[0].series: not a value of promtool's series notation", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonFormat_IsTheSameBytesOnEveryRun()
    {
        var file = Write(Alerts);
        var first = RunFile(file, "--format", "json");
        var second = RunFile(file, "--format", "json");
        Assert.Equal(0, first.Code);
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Contains("\"kind\": \"group_wait\"", first.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (int Code, string Stdout, string Stderr) Run(string rest) => RunFile(Write(rest));

    private string Write(string rest)
    {
        var file = Path.Combine(_folder, "drill.yaml");
        File.WriteAllText(file, Drills.Config + rest);
        return file;
    }

    private static (int Code, string Stdout, string Stderr) RunFile(string file, params string[] options)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "vigil.dll"), "drill", "notify", file, .. options])
        {
            psi.ArgumentList.Add(arg);
        }
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr);
    }
}
