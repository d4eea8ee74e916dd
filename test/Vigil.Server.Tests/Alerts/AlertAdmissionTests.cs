using Microsoft.Extensions.Logging.Abstractions;
using Vigil.Server.Alerts;
using static Vigil.Server.Tests.Dispatch.TestAlerts;

namespace Vigil.Server.Tests.Alerts;

/// <summary>
/// The places an admission holds under <c>max_active_alerts</c> are given back when its alerts are folded into the
/// state, under the state's lock: the request behind it at the cap sees them held, not held and reserved too.
/// </summary>
public sealed class AlertAdmissionTests
{
    private const int Cap = 3;
    private static readonly DateTimeOffset Now = TimeProvider.System.GetUtcNow();

    [Fact]
    public void AdmittedAlertsFoldedIn_GiveTheirPlacesBackAtOnce_SoTheNextRequestAtTheCapIsNotRefused()
    {
        var (state, admission) = Make();
        var first = admission.Admit([A("a"), A("b")], Cap);
        state.Apply(first.Admitted, 1, Now, first.Places);
        // The request's own release (after its answer) has not run yet: its alerts count once, as held.
        Assert.Equal(0, first.Places.Places);

        var next = admission.Admit([A("c")], Cap);

        Assert.Equal(0, next.Refused);
        Assert.Single(next.Admitted);
        first.Places.Release(); // late, and a no-op
        state.Apply(next.Admitted, 2, Now, next.Places);
        Assert.Equal(1, admission.Admit([A("d")], Cap).Refused);
    }

    [Fact]
    public void PlacesOfAlertsNeverAppended_AreGivenBackOnce_ByTheRequest()
    {
        var (state, admission) = Make();
        state.Apply([A("a")], 1, Now);
        var failed = admission.Admit([A("b"), A("c")], Cap);
        Assert.Equal(1, admission.Admit([A("d")], Cap).Refused);

        failed.Places.Release();
        failed.Places.Release(); // twice: must not give back places someone else holds

        var held = admission.Admit([A("e"), A("f")], Cap);
        Assert.Equal(0, held.Refused);
        Assert.Equal(2, admission.Admit([A("g"), A("h")], Cap).Refused);
    }

    [Fact]
    public void AtTheCap_UpdatesOfHeldAlerts_HoldNoPlaces()
    {
        var (state, admission) = Make();
        state.Apply([A("a"), A("b"), A("c")], 1, Now);

        var update = admission.Admit([A("a")], Cap);

        Assert.Equal(0, update.Refused);
        Assert.Same(Reservation.None, update.Places);
    }

    private static (AlertState, AlertAdmission) Make()
    {
        var state = new AlertState();
        return (state, new AlertAdmission(state, TimeProvider.System, NullLogger<AlertAdmission>.Instance));
    }

    // Firing now: a resolved alert would be dropped at the cap to make room.
    private static Alert A(string name) => Firing(Now, ("alertname", name));
}
