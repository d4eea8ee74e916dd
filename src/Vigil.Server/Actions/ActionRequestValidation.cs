using Vigil.Contracts.Agents;
using Vigil.Server.Hosts;

namespace Vigil.Server.Actions;

/// <summary>Checks a request for an action like any input: the first problem, as "field: what is wrong", or null.</summary>
public static class ActionRequestValidation
{
    public const int MaxReason = 1024;

    public static string? Validate(string? host, string? action, string? reason, TimeSpan? expiresIn)
    {
        if (!ReportValidation.IsHostName(host))
        {
            return "host: must be a host name (letters, digits, '.', '_', '-')";
        }
        if (!ActionNames.IsValid(action))
        {
            return $"action: must name an action of the host's agent ({ActionNames.Rule})";
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReason)
        {
            return $"reason: is required (why the action is asked for, at most {MaxReason} characters)";
        }
        if (expiresIn is { } e && (e <= TimeSpan.Zero || e > ActionsOptions.MaxExpiry))
        {
            return $"expiresIn: must be more than 0s and at most {ActionsOptions.MaxExpiry.TotalMinutes:0}m";
        }
        return null;
    }

    /// <summary>Checks an agent's report: the first problem, as "field: what is wrong", or null.</summary>
    public static string? Validate(ActionReport? report)
    {
        if (report is null)
        {
            return "body: expected a report object";
        }
        if (report.State is not ("received" or "running" or "succeeded" or "failed" or "refused"))
        {
            return "state: must be received, running, succeeded, failed or refused";
        }
        if (report.State == "refused" && (report.Reason is not { Length: > 0 and <= 64 } r || !r.All(c => char.IsAsciiLetterLower(c) || c == '_')))
        {
            return "reason: a refusal needs a reason code such as not_allowed (lower-case letters and '_', at most 64)";
        }
        if (report.Message is { Length: > 4096 })
        {
            return "message: at most 4096 characters";
        }
        return report.Output is { Length: > 16_384 } ? "output: at most 16384 characters (send the tail)" : null;
    }
}
