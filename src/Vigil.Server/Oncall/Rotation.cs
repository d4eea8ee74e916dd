using System.Globalization;
using NodaTime;

namespace Vigil.Server.Oncall;

/// <summary>A rotation length such as <c>12h</c>, <c>1d</c> or <c>2w</c>, counted in local time.</summary>
public readonly record struct Rotation(int Count, RotationUnit Unit)
{
    /// <summary>The local date-time <paramref name="k"/> rotations after <paramref name="origin"/>.</summary>
    public LocalDateTime Step(LocalDateTime origin, long k) => Unit switch
    {
        RotationUnit.Hours => origin.PlusHours(Count * k),
        RotationUnit.Days => origin.PlusDays((int)(Count * k)),
        _ => origin.PlusWeeks((int)(Count * k)),
    };

    /// <summary>The nominal length (a day as 24 h), for estimates only.</summary>
    public Duration Nominal => Unit switch
    {
        RotationUnit.Hours => Duration.FromHours(Count),
        RotationUnit.Days => Duration.FromDays(Count),
        _ => Duration.FromDays(7L * Count),
    };

    public static bool TryParse(string text, out Rotation rotation)
    {
        rotation = default;
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return false;
        }
        RotationUnit? unit = text[^1] switch { 'h' => RotationUnit.Hours, 'd' => RotationUnit.Days, 'w' => RotationUnit.Weeks, _ => null };
        if (unit is null || (unit == RotationUnit.Hours ? n > 24 * 7 * 52 : n > 520))
        {
            return false;
        }
        rotation = new Rotation(n, unit.Value);
        return true;
    }

    public override string ToString() =>
        Count.ToString(CultureInfo.InvariantCulture) + Unit switch { RotationUnit.Hours => "h", RotationUnit.Days => "d", _ => "w" };
}
