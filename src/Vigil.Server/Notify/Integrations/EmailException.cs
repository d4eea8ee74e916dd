namespace Vigil.Server.Notify.Integrations;

/// <summary>A message that cannot be built or sent as configured (a template error, an address that does not parse).</summary>
internal sealed class EmailException(string message) : Exception(message);
