namespace Vigil.Bench;

/// <summary>Which way a measure improves, for the Vigil/Alertmanager ratio and the targets.</summary>
internal enum Better
{
    Lower,
    Higher,

    /// <summary>A count that is neither good nor bad (alerts returned, lines printed): no verdict.</summary>
    Neither,
}
