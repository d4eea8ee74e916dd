using System.Text.RegularExpressions;
using Vigil.Contracts.Agents;

namespace Vigil.Server.Hosts;

/// <summary>Checks a report like any input: the first problem found, naming its field, or null when it is fine.</summary>
public static partial class ReportValidation
{
    public const int MaxChecks = 2000;

    private static readonly HashSet<string> ReservedSubjectLabels = new(StringComparer.Ordinal) { "alertname", "host", "check", "severity" };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$")]
    private static partial Regex HostName();

    [GeneratedRegex("^[a-z][a-z0-9_]{0,63}$")]
    private static partial Regex CheckName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]{0,127}$")]
    private static partial Regex LabelName();

    public static bool IsHostName(string? host) => host is not null && HostName().IsMatch(host);

    public static (string Field, string Reason)? Validate(AgentReport? report)
    {
        if (report is null)
        {
            return ("body", "expected a report object");
        }
        if (!IsHostName(report.Host))
        {
            return ("host", "must be a host name (letters, digits, '.', '_', '-'; at most 253)");
        }
        if (string.IsNullOrWhiteSpace(report.BootId) || report.BootId.Length > 128)
        {
            return ("bootId", "is required (at most 128 characters)");
        }
        if (!double.IsFinite(report.UptimeSeconds) || report.UptimeSeconds < 0)
        {
            return ("uptimeSeconds", "must be a non-negative number");
        }
        if (!double.IsFinite(report.IntervalSeconds) || report.IntervalSeconds < 0.1 || report.IntervalSeconds > 86_400)
        {
            return ("intervalSeconds", "must be between 0.1 and 86400");
        }
        if (report.Checks is null)
        {
            return ("checks", "is required (an empty list is fine)");
        }
        if (report.Checks.Count > MaxChecks)
        {
            return ("checks", $"at most {MaxChecks} checks per report");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < report.Checks.Count; i++)
        {
            if (ValidateCheck(report.Checks[i], $"checks[{i}]") is { } problem)
            {
                return problem;
            }
            if (!seen.Add(CheckKey.Of(report.Checks[i])))
            {
                return ($"checks[{i}]", "the same check and subject appear twice");
            }
        }
        return null;
    }

    private static (string Field, string Reason)? ValidateCheck(CheckResult? check, string at)
    {
        if (check is null)
        {
            return (at, "expected a check object");
        }
        if (check.Check is null || !CheckName().IsMatch(check.Check))
        {
            return (at + ".check", "must be a lower-case name such as mount");
        }
        if (check.Subject is null || check.Subject.Count is 0 or > 8)
        {
            return (at + ".subject", "needs 1 to 8 label pairs");
        }
        foreach (var (k, v) in check.Subject)
        {
            if (!LabelName().IsMatch(k) || k.StartsWith("__", StringComparison.Ordinal))
            {
                return ($"{at}.subject.{k}", "is not a valid label name");
            }
            if (ReservedSubjectLabels.Contains(k))
            {
                return ($"{at}.subject.{k}", "is reserved (set by the server)");
            }
            if (v is null || v.Length is 0 or > 1024)
            {
                return ($"{at}.subject.{k}", "value must be 1 to 1024 characters");
            }
        }
        if (check.Message is null || check.Message.Length > 4096)
        {
            return (at + ".message", "is required (at most 4096 characters)");
        }
        foreach (var (k, v) in check.Details ?? new Dictionary<string, string>())
        {
            if (!LabelName().IsMatch(k) || v is null || v.Length > 4096)
            {
                return ($"{at}.details.{k}", "must be a label name with a value of at most 4096 characters");
            }
        }
        return null;
    }
}
