using Vigil.Server.Labels;

namespace Vigil.Server.Web.Alerts;

/// <summary>One aggregation group on the page: its receiver and group labels, how many of its alerts match, the rows shown.</summary>
public sealed record AlertGroupView(string Receiver, LabelSet GroupLabels, int Matching, IReadOnlyList<AlertRowView> Rows)
{
    public int Hidden => Matching - Rows.Count;
}
