using System.Globalization;

namespace Vigil.Server.Incidents;

/// <summary>Checks on the free text an incident carries: lengths, and no control characters in one-line fields.</summary>
internal static class IncidentText
{
    public const int MaxLine = 200;
    public const int MaxText = 20_000;

    public static string Line(string? value, string field, bool required)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            return required ? throw IncidentException.BadRequest(field, "required") : "";
        }
        if (text.Length > MaxLine)
        {
            throw IncidentException.BadRequest(field, $"at most {MaxLine} characters (got {text.Length})");
        }
        return text.Any(char.IsControl) ? throw IncidentException.BadRequest(field, "one line without control characters") : text;
    }

    public static string Block(string? value, string field, bool required)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 && required)
        {
            throw IncidentException.BadRequest(field, "required");
        }
        if (text.Length > MaxText)
        {
            throw IncidentException.BadRequest(field, $"at most {MaxText} characters (got {text.Length})");
        }
        return text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
            ? throw IncidentException.BadRequest(field, "control characters other than line breaks and tabs are not allowed")
            : text;
    }

    public static DateTimeOffset Instant(string text, string field)
    {
        if (!Oncall.OnCallTime.TryParseInstant(text, out var instant) || text.Trim().Length < 20)
        {
            throw IncidentException.BadRequest(field, $"not an RFC 3339 time such as 2026-05-10T22:30:00Z: \"{text}\"");
        }
        return Config.TimeLimits.CheckInstant(instant) is { } reason ? throw IncidentException.BadRequest(field, reason) : instant.ToDateTimeOffset();
    }

    public static string Quote(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
