namespace Vigil.Server.Config;

/// <summary><c>webex_configs[]</c>, as Alertmanager 0.25 reads it: a Markdown message to a room, authorized by <c>http_config.authorization</c>.</summary>
public sealed record WebexConfig : IntegrationConfig
{
    public WebexConfig()
    {
        SendResolved = true;
    }

    public override string Kind => "webex";

    /// <summary><c>api_url</c>, default <c>global.webex_api_url</c> (https://webexapis.com/v1/messages). Not a secret: the token is in http_config.</summary>
    public required Uri ApiUrl { get; init; }

    /// <summary>Sent as written (not a template).</summary>
    public required string RoomId { get; init; }

    public string Message { get; init; } = """{{ template "webex.default.message" . }}""";

    public override string Target => $"{ApiUrl.OriginalString} room {RoomId}";
}
