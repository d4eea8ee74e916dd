using Vigil.Server.Alerts;

namespace Vigil.Server.Web.Alerts;

/// <summary>One alert on the list page with what mutes it (ids; <see cref="AlertReasons"/> names them).</summary>
public sealed record AlertRowView(Alert Alert, AlertStatus Status);
