namespace Vigil.Drill.Fleet;

/// <summary>
/// Customer impact over time: the share of customer requests failing, held between events and integrated into
/// customer-minutes. Impact inside an announced maintenance window is counted apart (customers were told); what is
/// lost is the rest.
/// </summary>
internal sealed class ImpactMeter(DateTimeOffset start)
{
    private readonly List<ImpactSegment> _segments = [];
    private DateTimeOffset _since = start;
    private double _share;
    private bool _announced;

    /// <summary>Share × minutes outside announced maintenance.</summary>
    public double MinutesLost { get; private set; }

    /// <summary>Share × minutes inside announced maintenance.</summary>
    public double MinutesAnnounced { get; private set; }

    public double Peak { get; private set; }

    /// <summary>When customers first saw a failure; null when they never did.</summary>
    public DateTimeOffset? FirstImpactAt { get; private set; }

    /// <summary>When the last impact ended (customers served again); null while failing or when never failing.</summary>
    public DateTimeOffset? RecoveredAt { get; private set; }

    public double Share => _share;

    /// <summary>The impact from here on; what held since the last call is added up first.</summary>
    public void Set(DateTimeOffset now, double share, bool announced)
    {
        Close(now);
        if (share > 0 && _share == 0)
        {
            FirstImpactAt ??= now;
            RecoveredAt = null;
        }
        if (share == 0 && _share > 0)
        {
            RecoveredAt = now;
        }
        _share = share;
        _announced = announced;
        Peak = Math.Max(Peak, share);
    }

    /// <summary>The changes of impact, for the report's chart: from when, what share, announced or not.</summary>
    public IReadOnlyList<ImpactSegment> Segments => _segments;

    /// <summary>Customer-minutes lost (outside announced maintenance) between two instants, from the segments closed so far.</summary>
    public double MinutesLostBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = 0.0;
        for (var i = 0; i < _segments.Count; i++)
        {
            var seg = _segments[i];
            var end = i + 1 < _segments.Count ? _segments[i + 1].From : _since;
            var a = seg.From > from ? seg.From : from;
            var b = end < to ? end : to;
            if (b > a && !seg.Announced)
            {
                total += (b - a).TotalMinutes * seg.Share;
            }
        }
        return total;
    }

    public void Close(DateTimeOffset now)
    {
        if (now <= _since)
        {
            return;
        }
        var minutes = (now - _since).TotalMinutes * _share;
        if (_announced)
        {
            MinutesAnnounced += minutes;
        }
        else
        {
            MinutesLost += minutes;
        }
        if (_segments.Count == 0 || _segments[^1].Share != _share || _segments[^1].Announced != _announced)
        {
            _segments.Add(new ImpactSegment(_since, _share, _announced));
        }
        _since = now;
    }
}

/// <summary>From <see cref="From"/> on, <see cref="Share"/> of customer requests failed.</summary>
internal sealed record ImpactSegment(DateTimeOffset From, double Share, bool Announced);
