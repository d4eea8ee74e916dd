using Vigil.Server.Config;

namespace Vigil.Server.Dispatch;

/// <summary>The URL Vigil is reached at (<c>server.external_url</c>, else the listen address), sent as externalURL.</summary>
public sealed class ExternalUrl(ConfigHolder config, Hosting.VigilServerOptions options)
{
    public string Value => config.Current.Server.ExternalUrl
        ?? (options.Listen.Contains("://", StringComparison.Ordinal) ? options.Listen : "http://" + options.Listen);
}
