using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>wechat_configs</c>: as Alertmanager 0.25 does, GET <c>gettoken</c> with the corp id and secret when no access token
/// younger than two hours is known for them, then POST the message to <c>message/send</c>. The answer's <c>code</c>
/// decides: 0 delivered, 42001 (token expired) forget the token and retry, anything else failed; a status other than 200 is retried.
/// </summary>
internal sealed class WechatNotifier(TimeProvider clock) : INotifier
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<(Uri Url, string CorpId, string Secret), (string Token, DateTimeOffset At)> _tokens = new();

    public string Kind => "wechat";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (WechatConfig)notification.Config;
        var fields = new TemplateFields(notification);
        var key = (config.ApiUrl, config.CorpId, config.ApiSecret);
        if (!_tokens.TryGetValue(key, out var cached) || clock.GetUtcNow() - cached.At > TokenLifetime)
        {
            var query = GoUrl.Encode([("corpsecret", fields.Text(config.ApiSecret)), ("corpid", fields.Text(config.CorpId))]);
            if (fields.Error is not null)
            {
                return Fail("templating error: " + fields.Error);
            }
            using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(config.ApiUrl.GetLeftPart(UriPartial.Path) + "gettoken?" + query));
            tokenRequest.Headers.TryAddWithoutValidation("User-Agent", IntegrationHttp.UserAgent);
            using var tokenResponse = await notification.Http.SendAsync(tokenRequest, ct).ConfigureAwait(false);
            // Alertmanager reads the token whatever the status.
            var token = Field(await tokenResponse.Content.ReadAsStringAsync(ct).ConfigureAwait(false), "access_token");
            if (token is null)
            {
                return Fail("the gettoken answer is not JSON");
            }
            if (token.Length == 0)
            {
                return Fail("invalid APISecret for CorpID: " + config.CorpId);
            }
            cached = (token, clock.GetUtcNow());
            _tokens[key] = cached;
        }

        var message = fields.Text(config.Message);
        var body = new GoJsonBuilder().Open()
            .Object("text").String("content", config.MessageType == "markdown" ? "" : message).Close()
            .String("touser", fields.Text(config.ToUser), omitEmpty: true)
            .String("toparty", fields.Text(config.ToParty), omitEmpty: true)
            .String("totag", fields.Text(config.ToTag), omitEmpty: true)
            .String("agentid", fields.Text(config.AgentId), omitEmpty: true)
            .String("safe", "0")
            .String("msgtype", config.MessageType, omitEmpty: true)
            .Object("markdown").String("content", config.MessageType == "markdown" ? message : "").Close()
            .Close().Encode();
        if (fields.Error is not null)
        {
            return Fail("templating error: " + fields.Error);
        }
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var url = GoUrl.Append(config.ApiUrl, "message/send", [("access_token", cached.Token)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.TryAddWithoutValidation("User-Agent", IntegrationHttp.UserAgent);
        using var response = await notification.Http.SendAsync(request, ct).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status != 200)
        {
            return new AttemptResult(AttemptOutcome.Retry, status, $"unexpected status code {status}");
        }
        var answer = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (Code(answer) is not { } code)
        {
            return new AttemptResult(AttemptOutcome.Retry, status, "the message/send answer is not JSON");
        }
        var error = Field(answer, "error") ?? "";
        if (code == 0)
        {
            return new AttemptResult(AttemptOutcome.Delivered, status, null);
        }
        if (code == 42001)
        {
            _tokens.TryRemove(key, out _);
            return new AttemptResult(AttemptOutcome.Retry, status, error);
        }
        return new AttemptResult(AttemptOutcome.Fail, status, error);
    }

    private static AttemptResult Fail(string error) => new(AttemptOutcome.Fail, null, error);

    /// <summary>A string field of a JSON object (matched case-insensitively, as Go's decoder does): "" when absent, null when the text is not an object.</summary>
    private static string? Field(string json, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var property = doc.RootElement.EnumerateObject().LastOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
            return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : "";
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The answer's integer <c>code</c> (0 when absent); null when the answer is not a JSON object.</summary>
    private static long? Code(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var property = doc.RootElement.EnumerateObject().LastOrDefault(p => p.Name.Equals("code", StringComparison.OrdinalIgnoreCase));
            return property.Value.ValueKind switch
            {
                JsonValueKind.Number when property.Value.TryGetInt64(out var n) => n,
                JsonValueKind.Undefined or JsonValueKind.Null => 0,
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
