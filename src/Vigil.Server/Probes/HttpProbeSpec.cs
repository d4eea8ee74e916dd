namespace Vigil.Server.Probes;

/// <summary>An <c>http</c> probe: a request and what its answer must look like.</summary>
public sealed record HttpProbeSpec
{
    public required Uri Url { get; init; }

    /// <summary>Request method. Default GET.</summary>
    public string Method { get; init; } = "GET";

    /// <summary>Request headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Status codes that pass. Default: any 2xx.</summary>
    public IReadOnlyList<int> ExpectedStatus { get; init; } = [];

    /// <summary>A regular expression the body must match. Default: none.</summary>
    public System.Text.RegularExpressions.Regex? BodyRegex { get; init; }

    /// <summary>Verify the server's TLS certificate. Default true.</summary>
    public bool VerifyTls { get; init; } = true;

    /// <summary>The probe fails when the earliest certificate expires within this many days. Default 0 (no warning).</summary>
    public int CertExpiryWarningDays { get; init; }

    public bool StatusPasses(int status) =>
        ExpectedStatus.Count == 0 ? status is >= 200 and < 300 : ExpectedStatus.Contains(status);
}
