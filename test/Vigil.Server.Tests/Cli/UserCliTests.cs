using System.Diagnostics;
using System.Text.Json.Nodes;
using Vigil.Server.Tests.Oncall;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Cli;

/// <summary><c>vigil user add|list|set|remove</c> as the real executable against a real server, both engines.</summary>
public sealed class UserCliTests
{
    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task UserAddListSetRemove_ManageTheUiUsers_AndThePasswordIsReadFromStdin(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        var data = vigil.Options.DataDir;

        var add = await Vigil("a long passphrase\n", "user", "add", "carol", "--role", "responder", "--person", "carol", "--password-stdin", "--data", data);
        Assert.True(add.ExitCode == 0, add.Stderr);
        Assert.Contains("added user carol (responder)", add.Stdout, StringComparison.Ordinal);

        var set = await Vigil("", "user", "set", "carol", "--role", "viewer", "--disable", "--data", data);
        Assert.True(set.ExitCode == 0, set.Stderr);
        Assert.Contains("user carol: viewer, person carol, disabled", set.Stdout, StringComparison.Ordinal);

        var list = await Vigil("", "user", "list", "--data", data);
        Assert.True(list.ExitCode == 0, list.Stderr);
        Assert.Contains("carol", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("disabled", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 user(s)", list.Stdout, StringComparison.Ordinal);
        var json = await Vigil("", "user", "list", "--output", "json", "--data", data);
        var user = Assert.Single(JsonNode.Parse(json.Stdout)!.AsArray())!;
        Assert.Equal("viewer", user["role"]!.ToString());
        Assert.DoesNotContain("a long passphrase", json.Stdout, StringComparison.Ordinal);

        var audit = JsonNode.Parse(await vigil.Http.GetStringAsync("api/v1/audit?type=user"))!.AsArray();
        Assert.Equal(["update", "create"], audit.Select(e => e!["action"]!.ToString()));

        var remove = await Vigil("", "user", "remove", "carol", "--data", data);
        Assert.True(remove.ExitCode == 0, remove.Stderr);
        Assert.Equal("[]", await vigil.Http.GetStringAsync("api/v1/users"));
    }

    [Theory, MemberData(nameof(Engines.Both), MemberType = typeof(Engines))]
    public async Task UserAdd_WithAShortPasswordOrUnknownPerson_ExitsWith1_NamingTheField(string engine)
    {
        await using var vigil = await VigilInstance.StartAsync(engine, OnCallConfigs.Schedules());
        var data = vigil.Options.DataDir;

        var shortPassword = await Vigil("short\n", "user", "add", "dave", "--role", "viewer", "--password-stdin", "--data", data);
        Assert.Equal(1, shortPassword.ExitCode);
        Assert.Contains("400", shortPassword.Stderr, StringComparison.Ordinal);
        Assert.Contains("password: must be at least 12 characters", shortPassword.Stderr, StringComparison.Ordinal);

        var person = await Vigil("long enough passphrase\n", "user", "add", "dave", "--role", "viewer", "--person", "zed", "--password-stdin", "--data", data);
        Assert.Equal(1, person.ExitCode);
        Assert.Contains("person: no person \"zed\"", person.Stderr, StringComparison.Ordinal);

        var noTerminal = await Vigil("", "user", "add", "dave", "--role", "viewer", "--data", data);
        Assert.Equal(1, noTerminal.ExitCode);
        Assert.Contains("--password-stdin", noTerminal.Stderr, StringComparison.Ordinal);

        var nothing = await Vigil("", "user", "set", "dave", "--data", data);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Contains("nothing to change", nothing.Stderr, StringComparison.Ordinal);
        Assert.Equal("[]", await vigil.Http.GetStringAsync("api/v1/users"));
    }

    /// <summary>Runs <c>vigil</c> with <paramref name="stdin"/> piped in (so standard input is never a terminal).</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> Vigil(string stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(VigilProcess.VigilDll);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        return (p.ExitCode, await stdout, await stderr);
    }
}
