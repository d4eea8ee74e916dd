namespace Vigil.Bench;

/// <summary>
/// How to start one system: a shell command line with <c>{config}</c>, <c>{port}</c> and <c>{data}</c>
/// placeholders, and optionally a bearer token file (may contain <c>{data}</c>) that the server writes on start.
/// </summary>
internal sealed record SystemUnderTest(string Name, string CommandTemplate, string? TokenFileTemplate)
{
    public const string AlertmanagerName = "Alertmanager 0.25";
    public const string VigilName = "Vigil";

    public static SystemUnderTest Alertmanager(string binary) => new(
        AlertmanagerName,
        binary + " --config.file={config} --storage.path={data} --web.listen-address=127.0.0.1:{port} --cluster.listen-address=",
        null);

    public string Command(string config, int port, string data) => Expand(CommandTemplate, config, port, data);

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
