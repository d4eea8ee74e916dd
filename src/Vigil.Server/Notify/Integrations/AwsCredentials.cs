namespace Vigil.Server.Notify.Integrations;

/// <summary>An AWS access key pair, with the session token of temporary credentials.</summary>
internal sealed record AwsCredentials(string AccessKey, string SecretKey, string? SessionToken)
{
    /// <summary>
    /// The configured keys, else the AWS SDK's default chain as far as Vigil follows it: the environment
    /// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), then the shared credentials file
    /// (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials) at <paramref name="profile"/>, AWS_PROFILE or <c>default</c>.
    /// </summary>
    public static AwsCredentials? Resolve(string accessKey, string secretKey, string profile)
    {
        if (accessKey.Length > 0 && secretKey.Length > 0)
        {
            return new AwsCredentials(accessKey, secretKey, null);
        }
        var envKey = Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID") ?? Environment.GetEnvironmentVariable("AWS_ACCESS_KEY");
        var envSecret = Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY") ?? Environment.GetEnvironmentVariable("AWS_SECRET_KEY");
        if (profile.Length == 0 && envKey is { Length: > 0 } && envSecret is { Length: > 0 })
        {
            return new AwsCredentials(envKey, envSecret, Environment.GetEnvironmentVariable("AWS_SESSION_TOKEN"));
        }
        return FromSharedFile(profile.Length > 0 ? profile : Environment.GetEnvironmentVariable("AWS_PROFILE") ?? "default");
    }

    private static AwsCredentials? FromSharedFile(string profile)
    {
        var file = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".aws", "credentials");
        if (!File.Exists(file))
        {
            return null;
        }
        string? section = null;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                section = line[1..^1].Trim();
                continue;
            }
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (section == profile && eq > 0 && !line.StartsWith('#') && !line.StartsWith(';'))
            {
                values[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
        }
        return values.TryGetValue("aws_access_key_id", out var key) && values.TryGetValue("aws_secret_access_key", out var secret)
            ? new AwsCredentials(key, secret, values.GetValueOrDefault("aws_session_token"))
            : null;
    }
}
