using System.Globalization;
using Vigil.Drill.Run;
using Vigil.Drill.Scenarios;
using Vigil.Server.Labels;
using Vigil.Server.Silences;

namespace Vigil.Drill.Desks;

/// <summary>
/// Silences in a drill, through the server's <see cref="SilenceRules"/>: with the guardrails on, a silence is
/// validated (no blanket silence, a length limit) and one that can cover a customer-impact alert mutes none until a
/// second person approves it; with them off, a silence is taken as written and mutes everything it matches.
/// </summary>
internal sealed class SilenceDesk(DrillWorld world)
{
    private readonly List<Silence> _waiting = [];
    private int _count;

    /// <summary>Silences created, in order (approved ones as approved).</summary>
    public List<Silence> All { get; } = [];

    public void Create(string person, IReadOnlyList<Matcher> matchers, TimeSpan length, string comment)
    {
        var now = world.Clock.GetUtcNow();
        var id = "silence-" + (++_count).ToString(CultureInfo.InvariantCulture);
        var silence = new Silence(id, matchers, now, now + length, now, person, comment.Length > 0 ? comment : "drill", person);
        var text = Matcher.ListToString(matchers);
        if (!world.Scenario.Policy.SilenceGuardrails)
        {
            silence = silence with { ApprovedBy = "(guardrails off)", ApprovedAt = now };
            world.Log.Add(now, "silence", $"{person} silences {text} for {SilenceRules.FormatSpan(length)} (\"{comment}\"): taken as written");
            Put(silence);
            return;
        }
        if (SilenceRules.Validate(silence, world.Config.Silences) is { } error)
        {
            world.Guardrail(now, $"silence by {person} refused: {error}");
            return;
        }
        Put(silence);
        if (SilenceRules.NeedsApproval(silence, world.Config.Silences.CustomerLabel))
        {
            _waiting.Add(silence);
            world.Guardrail(now, $"silence {id} by {person} ({text}) mutes no customer-impact alert until a second person approves it");
            world.People.Happened(null, ActEvent.ApprovalRequested);
        }
        else
        {
            world.Log.Add(now, "silence", $"{person} silences {text} for {SilenceRules.FormatSpan(length)} (\"{comment}\")");
        }
    }

    public void Approve(string person)
    {
        var now = world.Clock.GetUtcNow();
        foreach (var s in _waiting.ToList())
        {
            if (SilenceRules.CheckApproval(s, person, now) is { } refused)
            {
                world.Guardrail(now, $"approval of {s.Id} by {person} refused: {refused.Message}");
                continue;
            }
            _waiting.Remove(s);
            Put(s with { ApprovedBy = person, ApprovedAt = now });
            world.Log.Add(now, "silence", $"{person} approves {s.Id} ({Matcher.ListToString(s.Matchers)})");
        }
    }

    private void Put(Silence s)
    {
        All.RemoveAll(x => x.Id == s.Id);
        All.Add(s);
        world.Notify.AddSilence(s);
    }
}
