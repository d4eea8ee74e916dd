using Vigil.Server.Config;

namespace Vigil.Server.Dispatch;

/// <summary>The URL Vigil is reached at, sent as externalURL: <c>server.external_url</c>, else the address it listens on.</summary>
public sealed class ExternalUrl(ConfigHolder config)
{
    private string _listening = "http://127.0.0.1:9093";

    public string Value => config.Current.Server.ExternalUrl ?? Volatile.Read(ref _listening);

    /// <summary>Called once the server is bound (the port may have been chosen by the OS).</summary>
    public void ListeningOn(string url) => Volatile.Write(ref _listening, url.TrimEnd('/'));
}
