namespace Vigil.Server.Alerts;

/// <summary>
/// What <see cref="AlertAdmission.Admit"/> let in: <see cref="Admitted"/> in request order, <see cref="Refused"/> new
/// alerts turned away at the cap, and the <see cref="Places"/> held for the admitted alerts until they are applied.
/// </summary>
public readonly record struct Admission(IReadOnlyList<Alert> Admitted, Reservation Places, int Refused);

/// <summary>
/// Places an admission holds under <c>server.limits.max_active_alerts</c> for its alerts until they are in the state.
/// Given back once, by whichever comes first: the fold that puts the alerts into <see cref="AlertState"/> (under the
/// state's lock, so the cap never counts them both as held and as reserved), or the request when they were never
/// appended (<see cref="Release"/> in its <c>finally</c>).
/// </summary>
public sealed class Reservation
{
    /// <summary>No places held.</summary>
    public static readonly Reservation None = new(null, 0);

    private readonly AlertAdmission? _owner;
    private int _places;

    internal Reservation(AlertAdmission? owner, int places)
    {
        _owner = owner;
        _places = places;
    }

    /// <summary>Places still held.</summary>
    public int Places => Volatile.Read(ref _places);

    /// <summary>Gives the places back; later calls do nothing.</summary>
    public void Release()
    {
        var places = Interlocked.Exchange(ref _places, 0);
        if (places != 0)
        {
            _owner!.GiveBack(places);
        }
    }
}

/// <summary>Alerts appended with the places their admission holds: the fold applies them and gives the places back.</summary>
internal sealed record AdmittedBatch(IReadOnlyList<Alert> Alerts, Reservation Places);
