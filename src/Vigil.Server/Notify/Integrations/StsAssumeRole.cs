using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Xml.Linq;

namespace Vigil.Server.Notify.Integrations;

/// <summary>
/// <c>sigv4.role_arn</c>: temporary credentials from STS AssumeRole, as the AWS SDK in Alertmanager 0.25 gets them
/// (a 15-minute session named by the time in nanoseconds, STS's global endpoint for the regions the SDK keeps on it),
/// kept until they expire.
/// </summary>
internal sealed class StsAssumeRole(TimeProvider clock)
{
    /// <summary>Regions whose STS calls the AWS SDK for Go v1 sends to the global endpoint (its "legacy" setting, the default).</summary>
    private static readonly HashSet<string> GlobalEndpointRegions = new(StringComparer.Ordinal)
    {
        "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-north-1",
        "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    };

    private readonly ConcurrentDictionary<(string Role, string Source, string Region), (AwsCredentials Credentials, DateTimeOffset Expires)> _cache = new();

    // One AssumeRole at a time, so groups flushed together share one set of credentials.
    private readonly SemaphoreSlim _fetching = new(1, 1);

    /// <summary>The role's credentials, or the attempt's outcome when STS did not give them.</summary>
    public async Task<(AwsCredentials? Credentials, AttemptResult? Failure)> AssumeAsync(
        HttpClient http, AwsCredentials source, string roleArn, string region, CancellationToken ct)
    {
        var key = (roleArn, source.AccessKey, region);
        if (_cache.TryGetValue(key, out var cached) && clock.GetUtcNow() < cached.Expires)
        {
            return (cached.Credentials, null);
        }
        await _fetching.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_cache.TryGetValue(key, out cached) && clock.GetUtcNow() < cached.Expires)
            {
                return (cached.Credentials, null);
            }
            return await FetchAsync(http, source, roleArn, region, key, ct).ConfigureAwait(false);
        }
        finally
        {
            _fetching.Release();
        }
    }

    private async Task<(AwsCredentials? Credentials, AttemptResult? Failure)> FetchAsync(
        HttpClient http, AwsCredentials source, string roleArn, string region, (string, string, string) key, CancellationToken ct)
    {
        var global = GlobalEndpointRegions.Contains(region);
        var url = new Uri(global ? "https://sts.amazonaws.com/" : $"https://sts.{region}.amazonaws.com/");
        var now = clock.GetUtcNow();
        var sessionName = ((now - DateTimeOffset.UnixEpoch).Ticks * 100).ToString(CultureInfo.InvariantCulture);
        var body = Encoding.ASCII.GetBytes(GoUrl.Encode(
            [("Action", "AssumeRole"), ("DurationSeconds", "900"), ("RoleArn", roleArn), ("RoleSessionName", sessionName), ("Version", "2011-06-15")]));
        const string contentType = "application/x-www-form-urlencoded; charset=utf-8";
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        SigV4Signer.Sign(request, contentType, body, source, global ? "us-east-1" : region, "sts", now);
        request.Headers.TryAddWithoutValidation("User-Agent", IntegrationHttp.UserAgent);
        using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status / 100 != 2)
        {
            var failed = StatusRetrier.Default.Check(status, answer);
            return (null, failed with { Error = "STS AssumeRole: " + failed.Error });
        }
        try
        {
            var credentials = XDocument.Parse(answer).Descendants().First(e => e.Name.LocalName == "Credentials");
            string Value(string name) => credentials.Elements().First(e => e.Name.LocalName == name).Value;
            var assumed = new AwsCredentials(Value("AccessKeyId"), Value("SecretAccessKey"), Value("SessionToken"));
            var expires = DateTimeOffset.Parse(Value("Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            _cache[key] = (assumed, expires);
            return (assumed, null);
        }
        catch (Exception e) when (e is System.Xml.XmlException or InvalidOperationException or FormatException)
        {
            return (null, new AttemptResult(AttemptOutcome.Retry, status, "STS AssumeRole: the answer holds no credentials"));
        }
    }
}
