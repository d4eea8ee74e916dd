using Vigil.Server.Dispatch;
using static Vigil.Server.Tests.Dispatch.TestAlerts;

namespace Vigil.Server.Tests.Dispatch;

public sealed class DedupRuleTests
{
    private static readonly TimeSpan Repeat = TimeSpan.FromHours(4);

    private static NotificationLogEntry Entry(ulong[] firing, ulong[] resolved, DateTimeOffset at) =>
        new("{}:{}", "r", 0, firing.ToHashSet(), resolved.ToHashSet(), at);

    public static TheoryData<string, ulong[]?, ulong[]?, ulong[], ulong[], bool, int, bool> Cases => new()
    {
        // name, logged firing (null: no entry), logged resolved, firing now, resolved now, send_resolved, minutes since log, expected
        { "never notified, firing", null, null, [1], [], true, 0, true },
        { "never notified, only resolved", null, null, [], [1], true, 0, false },
        { "new firing alert", [1], [], [1, 2], [], true, 1, true },
        { "unchanged, before repeat", [1, 2], [], [1, 2], [], true, 239, false },
        { "unchanged, exactly repeat", [1, 2], [], [1, 2], [], true, 240, false },
        { "unchanged, after repeat", [1, 2], [], [1, 2], [], true, 241, true },
        { "fewer firing, no resolved", [1, 2], [], [1], [], true, 1, false },
        { "newly resolved, send_resolved", [1, 2], [], [1], [2], true, 1, true },
        { "newly resolved, no send_resolved", [1, 2], [], [1], [2], false, 1, false },
        { "already resolved, send_resolved", [1], [2], [1], [2], true, 1, false },
        { "all resolved, send_resolved", [1, 2], [], [], [1, 2], true, 1, true },
        { "all resolved, no send_resolved", [1, 2], [], [], [1, 2], false, 1, true },
        { "all resolved and logged as such", [], [1, 2], [], [1, 2], true, 300, false },
        { "fired and resolved within interval", [], [], [], [3], true, 1, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void NeedsUpdate_MatchesAlertmanagerDedupStage(
        string name, ulong[]? loggedFiring, ulong[]? loggedResolved, ulong[] firing, ulong[] resolved, bool sendResolved, int minutes, bool expected)
    {
        var entry = loggedFiring is null ? null : Entry(loggedFiring, loggedResolved ?? [], T0);
        var now = T0.AddMinutes(minutes);
        Assert.True(
            expected == DedupRule.NeedsUpdate(entry, firing.ToHashSet(), resolved.ToHashSet(), sendResolved, Repeat, now),
            name);
    }
}
