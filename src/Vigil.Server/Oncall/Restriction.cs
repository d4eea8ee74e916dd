using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>
/// When a layer applies, in the layer's local time: every day from <see cref="From"/> to <see cref="To"/>
/// (<c>daily: "09:00-17:00"</c>; an end at or before the start runs into the next day), or each week from
/// <see cref="FromDay"/> <see cref="From"/> to <see cref="ToDay"/> <see cref="To"/> (<c>weekly: "Mon 09:00-Fri 17:00"</c>).
/// </summary>
public sealed record Restriction(IsoDayOfWeek? FromDay, LocalTime From, IsoDayOfWeek? ToDay, LocalTime To)
{
    public bool IsWeekly => FromDay is not null;

    public override string ToString() => IsWeekly
        ? $"weekly {Day(FromDay!.Value)} {Time(From)}-{Day(ToDay!.Value)} {Time(To)}"
        : $"daily {Time(From)}-{Time(To)}";

    private static string Day(IsoDayOfWeek d) => d.ToString()[..3];

    private static string Time(LocalTime t) => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
