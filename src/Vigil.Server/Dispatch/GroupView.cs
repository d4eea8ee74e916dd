using Vigil.Server.Alerts;
using Vigil.Server.Labels;

namespace Vigil.Server.Dispatch;

/// <summary>A copy of one aggregation group, for the API.</summary>
public sealed record GroupView(string Receiver, LabelSet GroupLabels, IReadOnlyList<Alert> Alerts);
