namespace Vigil.Contracts.Agents;

/// <summary>
/// One check's result. <see cref="Check"/> and <see cref="Subject"/> identify it (they become alert labels,
/// e.g. <c>check="mount", mountpoint="/data"</c>); <see cref="Details"/> are facts shown with it (annotations).
/// </summary>
/// <param name="Check">The kind: mount, systemd, process, route, listen, disk, command.</param>
/// <param name="Subject">What was checked, as label pairs (e.g. <c>mountpoint: /data</c>).</param>
/// <param name="Passed">True when the host is as it should be.</param>
/// <param name="Message">One line for people: what was found.</param>
/// <param name="Details">Extra facts (e.g. <c>nofail: true</c>, <c>device</c>), not part of its identity.</param>
public sealed record CheckResult(
    string Check,
    IReadOnlyDictionary<string, string> Subject,
    bool Passed,
    string Message,
    IReadOnlyDictionary<string, string>? Details = null);
