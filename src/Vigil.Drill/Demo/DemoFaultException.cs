namespace Vigil.Drill.Demo;

/// <summary>A fault that does not apply to the host named (unmount on a host without <c>/data</c>).</summary>
internal sealed class DemoFaultException(string message) : Exception(message);
