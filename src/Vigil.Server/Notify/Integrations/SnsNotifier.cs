using System.Text;
using Vigil.Server.Config;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>sns_configs</c>: the SNS Publish call Alertmanager 0.25 makes through the AWS SDK — a form-encoded query-API body
/// (Action, Version, Message, Subject, TopicArn/TargetArn/PhoneNumber, FIFO dedup and group ids, string message
/// attributes) POSTed to the endpoint, SigV4-signed. The message is cut to 256 KiB (1600 bytes for SMS) and then
/// carries a <c>truncated</c> attribute. Only 5xx is retried.
/// </summary>
internal sealed class SnsNotifier(TimeProvider clock) : INotifier
{
    private readonly StsAssumeRole _sts = new(clock);

    private const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public string Kind => "sns";

    public async Task<AttemptResult> NotifyAsync(Notification notification, CancellationToken ct)
    {
        var config = (SnsConfig)notification.Config;
        var sigv4 = config.SigV4;
        var region = sigv4.Region.Length > 0 ? sigv4.Region : Environment.GetEnvironmentVariable("AWS_REGION") ?? "";
        if (region.Length == 0)
        {
            return new AttemptResult(AttemptOutcome.Retry, null, "region not configured in sns.sigv4.region or in default credentials chain");
        }
        var credentials = AwsCredentials.Resolve(sigv4.AccessKey, sigv4.SecretKey, sigv4.Profile);
        if (credentials is null)
        {
            return new AttemptResult(AttemptOutcome.Retry, null, "no AWS credentials: none in sigv4, the environment or the shared credentials file");
        }
        if (sigv4.RoleArn.Length > 0)
        {
            var (assumed, failure) = await _sts.AssumeAsync(notification.Http, credentials, sigv4.RoleArn, region, ct).ConfigureAwait(false);
            if (assumed is null)
            {
                return failure!;
            }
            credentials = assumed;
        }
        // Alertmanager's template errors are lost on the way (a failed field renders empty and the message is sent).
        var fields = new TemplateFields(notification);
        var endpoint = fields.Text(config.ApiUrl);
        var url = new Uri((endpoint.Length > 0 ? endpoint : $"https://sns.{region}.amazonaws.com") + "/");
        var body = Encoding.ASCII.GetBytes(Body(notification, config, fields));
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        SigV4Signer.Sign(request, ContentType, body, credentials, region, "sns", clock.GetUtcNow());
        return await StatusRetrier.Default.SendAsync(notification.Http, request, ct).ConfigureAwait(false);
    }

    private static string Body(Notification notification, SnsConfig config, TemplateFields fields)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in config.Attributes)
        {
            attributes[fields.Text(key)] = fields.Text(value);
        }
        var parameters = new List<(string Key, byte[] Value)> { ("Action", Bytes("Publish")), ("Version", Bytes("2010-03-31")) };
        var limit = 256 * 1024;
        if (config.TopicArn.Length > 0)
        {
            var topic = fields.Text(config.TopicArn);
            parameters.Add(("TopicArn", Bytes(topic)));
            if (topic.EndsWith(".fifo", StringComparison.Ordinal))
            {
                parameters.Add(("MessageDeduplicationId", Bytes(notification.GroupKeyHash)));
                parameters.Add(("MessageGroupId", Bytes(notification.GroupKeyHash)));
            }
        }
        if (config.PhoneNumber.Length > 0)
        {
            parameters.Add(("PhoneNumber", Bytes(fields.Text(config.PhoneNumber))));
            limit = 1600;
        }
        if (config.TargetArn.Length > 0)
        {
            parameters.Add(("TargetArn", Bytes(fields.Text(config.TargetArn))));
        }
        var message = Bytes(fields.Text(config.Message));
        if (message.Length > limit)
        {
            // Cut in bytes, as Alertmanager does (even inside a character), and say so in an attribute.
            message = message[..limit];
            attributes["truncated"] = "true";
        }
        parameters.Add(("Message", message));
        if (attributes.Count == 0)
        {
            parameters.Add(("MessageAttributes", [])); // the AWS SDK's query encoding of an empty map
        }
        var entry = 0;
        foreach (var key in attributes.Keys.Order(StringComparer.Ordinal))
        {
            entry++;
            parameters.Add(($"MessageAttributes.entry.{entry}.Name", Bytes(key)));
            parameters.Add(($"MessageAttributes.entry.{entry}.Value.DataType", Bytes("String")));
            parameters.Add(($"MessageAttributes.entry.{entry}.Value.StringValue", Bytes(attributes[key])));
        }
        if (config.Subject.Length > 0)
        {
            parameters.Add(("Subject", Bytes(fields.Text(config.Subject))));
        }
        return string.Join("&", parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => GoUrl.QueryEscape(Encoding.UTF8.GetBytes(p.Key)) + "=" + GoUrl.QueryEscape(p.Value)));
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);
}
