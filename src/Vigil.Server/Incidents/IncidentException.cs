namespace Vigil.Server.Incidents;

/// <summary>A request the incident service refuses: the HTTP status and the detail (naming the field for a 400).</summary>
public sealed class IncidentException(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public static IncidentException BadRequest(string field, string reason) => new(400, $"{field}: {reason}");

    public static IncidentException NotFound(long id) => new(404, $"no incident {id}");
}
