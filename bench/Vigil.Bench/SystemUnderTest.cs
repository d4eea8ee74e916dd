namespace Vigil.Bench;

/// <summary>
/// How to start one system: a shell command line with <c>{config}</c>, <c>{port}</c> and <c>{data}</c>
/// placeholders, and optionally a bearer token file (may contain <c>{data}</c>) that the server writes on start.
/// Its command-line client's list verbs are shell command lines with <c>{url}</c> and <c>{token}</c> placeholders.
/// </summary>
internal sealed record SystemUnderTest(string Name, string CommandTemplate, string? TokenFileTemplate)
{
    public const string AlertmanagerName = "Alertmanager 0.25";
    public const string VigilName = "Vigil";

    /// <summary>The client's "list the alerts" command (<c>amtool alert query</c>, <c>vigil alerts</c>); null: not measured.</summary>
    public string? AlertsCliTemplate { get; init; }

    /// <summary>The client's "list the silences" command (<c>amtool silence query</c>, <c>vigil silence ls</c>); null: not measured.</summary>
    public string? SilencesCliTemplate { get; init; }

    /// <summary>Vigil pages people through escalation policies; Alertmanager has no escalation.</summary>
    public bool Escalates => Name == VigilName;

    public static SystemUnderTest Alertmanager(string binary, string amtool) => new(
        AlertmanagerName,
        binary + " --config.file={config} --storage.path={data} --web.listen-address=127.0.0.1:{port} --cluster.listen-address=",
        null)
    {
        AlertsCliTemplate = amtool + " alert query --alertmanager.url={url}",
        SilencesCliTemplate = amtool + " silence query --alertmanager.url={url}",
    };

    public static SystemUnderTest Vigil(string command, string? tokenFile, string cli) => new(VigilName, command, tokenFile)
    {
        AlertsCliTemplate = cli + " alerts --url {url} --token {token}",
        SilencesCliTemplate = cli + " silence ls --url {url} --token {token}",
    };

    /// <summary>The executable of a command line (its first word): where the Vigil CLI is unless told otherwise.</summary>
    public static string Executable(string commandLine) => commandLine.TrimStart().Split(' ', 2)[0];

    public string Command(string config, int port, string data) => Expand(CommandTemplate, config, port, data);

    /// <summary>A client command line for a running server.</summary>
    public static string Cli(string template, Uri url, string? token) => template
        .Replace("{url}", url.ToString().TrimEnd('/'), StringComparison.Ordinal)
        .Replace("{token}", token ?? "", StringComparison.Ordinal);

    /// <summary>The token, once the file exists and is non-empty; null before (or if no token is needed).</summary>
    public string? TryReadToken(string config, int port, string data)
    {
        if (TokenFileTemplate is null)
        {
            return null;
        }

        var path = Expand(TokenFileTemplate, config, port, data);
        try
        {
            var token = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
            return token.Length > 0 ? token : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Expand(string template, string config, int port, string data) => template
        .Replace("{config}", config, StringComparison.Ordinal)
        .Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{data}", data, StringComparison.Ordinal);
}
