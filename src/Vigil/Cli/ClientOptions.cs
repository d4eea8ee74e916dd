using System.CommandLine;

namespace Vigil.Cli;

/// <summary>
/// How a client verb finds its server and token: --url/--token, else VIGIL_URL/VIGIL_TOKEN, else the
/// local data folder (server.url and admin.token that `vigil server` writes), else 127.0.0.1:9093.
/// </summary>
internal sealed class ClientOptions
{
    /// <summary>The file <c>vigil server</c> writes its URL to (VigilServer.UrlFileName; named again here because the
    /// native <c>vigil</c> is built without the server).</summary>
    internal const string UrlFileName = "server.url";

    /// <summary>The admin token's file in the data folder (AdminTokenBootstrap.FileName).</summary>
    internal const string AdminTokenFileName = "admin.token";

    public Option<string?> Url { get; } = new("--url") { Description = "server URL (or env VIGIL_URL; default: from the data folder, else http://127.0.0.1:9093)", Recursive = true };

    public Option<string?> Token { get; } = new("--token") { Description = "API token (or env VIGIL_TOKEN; default: DATA/admin.token)", Recursive = true };

    public Option<string> Data { get; } = new("--data") { Description = "local data folder to read server.url and admin.token from", DefaultValueFactory = _ => "vigil-data", Recursive = true };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "table or json", DefaultValueFactory = _ => "table", Recursive = true };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Token);
        command.Options.Add(Data);
        command.Options.Add(Output);
    }

    public VigilClient CreateClient(ParseResult parse)
    {
        var data = parse.GetValue(Data)!;
        var url = parse.GetValue(Url)
            ?? Environment.GetEnvironmentVariable("VIGIL_URL")
            ?? ReadFirstLine(Path.Combine(data, UrlFileName))
            ?? "http://127.0.0.1:9093";
        var token = parse.GetValue(Token)
            ?? Environment.GetEnvironmentVariable("VIGIL_TOKEN")
            ?? ReadFirstLine(Path.Combine(data, AdminTokenFileName));
        return new VigilClient(new Uri(url.TrimEnd('/') + "/"), token);
    }

    public bool WantsJson(ParseResult parse) => string.Equals(parse.GetValue(Output), "json", StringComparison.OrdinalIgnoreCase);

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim() : null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
