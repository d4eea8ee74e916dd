using System.Diagnostics;

namespace Vigil.Drill.Tests.Run;

/// <summary>Runs the real <c>vigil drill run</c> and <c>vigil drill soak</c> (the built vigil.dll), as a user would.</summary>
public sealed class DrillRunCommandTests
{
    [Fact]
    public void TheSeedsNightWithVigil_ExitsZero_AndReportsNoCustomerMinuteLost()
    {
        var (code, stdout, _) = Vigil("drill", "run", "builtin:seed-2020-05-10", "--mode", "with-vigil");

        Assert.Equal(0, code);
        Assert.Contains("| customer-minutes lost | 0 |", stdout, StringComparison.Ordinal);
        Assert.Contains("- met: customer_minutes_lost <= 0 (was 0)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void TheSeedsNightAsItHappened_ExitsOne_NamingTheBrokenInvariant()
    {
        var (code, _, stderr) = Vigil("drill", "run", "builtin:seed-2020-05-10", "--mode", "as-it-happened");

        Assert.Equal(1, code);
        Assert.Contains("vigil: invariant broken: no customer-impact alert muted without an approved silence", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void AJsonReportWrittenToAFile_IsTheSameOnEveryRun()
    {
        var folder = Directory.CreateTempSubdirectory("drill-run-").FullName;
        try
        {
            var a = Path.Combine(folder, "a.json");
            var b = Path.Combine(folder, "b.json");

            Vigil("drill", "run", "builtin:seed-2020-05-10", "--mode", "both-fail", "--report", "json", "--out", a);
            Vigil("drill", "run", "builtin:seed-2020-05-10", "--mode", "both-fail", "--report", "json", "--out", b);

            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            Assert.Contains("\"exit_code\": 0", File.ReadAllText(a), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void AnUnknownModeOrScenario_ExitsTwo_SayingWhatExists()
    {
        var mode = Vigil("drill", "run", "builtin:seed-2020-05-10", "--mode", "stormy");
        var scenario = Vigil("drill", "run", "builtin:nope");

        Assert.Equal(2, mode.Code);
        Assert.Contains("it has as-it-happened, both-fail, with-vigil", mode.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, scenario.Code);
        Assert.Contains("built in: seed-2020-05-10", scenario.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ASoakOfTwoSeeds_ReportsEachSeed_AndThatEveryInvariantHeld()
    {
        var (code, stdout, _) = Vigil("drill", "soak", "--days", "1", "--seeds", "2", "--hosts", "10");

        Assert.Equal(0, code);
        Assert.Contains("seed 1: invariants hold", stdout, StringComparison.Ordinal);
        Assert.Contains("seed 2: invariants hold", stdout, StringComparison.Ordinal);
        Assert.Contains("2 seed(s) × 1 day(s) × 10 hosts: 2 held every invariant, 0 broke one", stdout, StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Vigil(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "vigil.dll"));
        foreach (var arg in args)
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
