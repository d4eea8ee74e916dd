using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Vigil.Contracts.Agents;

namespace Vigil.Server.Actions;

/// <summary>
/// Runs the pure code of an agent action request — made and signed, its envelope and the long-poll's answer written,
/// the agent's reports read and checked, and the request taken through delivered, running and a reboot's new boot —
/// over a made-up request, in the background after start-up, beside <see cref="Plans.Runs.PlanRunWarmUp"/>. Without it
/// the first batch of the first rolling reboot after a start paid for the runtime's first compilation of that code in its
/// reboot step (docs/benchmarks.md, "Session 51"). Nothing is stored or sent: the request names no known host, is signed
/// with the server's key but never leaves this class, and its JSON goes to a buffer that is dropped.
/// </summary>
internal static class AgentActionWarmUp
{
    /// <summary>Four rounds over a second (<see cref="Hosting.WarmUpRounds"/>).</summary>
    private const int Rounds = 4;

    private const string Host = "warm-up-01";

    /// <summary>The reports an agent sends for a reboot, as it writes them.</summary>
    private static readonly byte[][] Reports =
    [
        """{"state":"received","message":"the agent has it"}"""u8.ToArray(),
        """{"state":"running","message":"started"}"""u8.ToArray(),
        """{"state":"succeeded","message":"exit 0","exitCode":0,"output":""}"""u8.ToArray(),
    ];

    public static Task RunAsync(ActionSigner signer, TimeProvider clock, CancellationToken ct) =>
        Hosting.WarmUpRounds.RunAsync(Rounds, () => RunOnce(signer, clock), ct);

    /// <summary>One round: a made-up reboot request from its making to the new boot. Returns it as it ended.</summary>
    public static AgentAction RunOnce(ActionSigner signer, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (ActionRequestValidation.Validate(Host, "reboot", "warm-up", null) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        var request = new ActionRequest(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), Host, "reboot", "warm-up",
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)), now, now + TimeSpan.FromSeconds(60));
        var signed = signer.Sign(request);
        var action = new AgentAction(request.Id, Host, "reboot", request.Reason, "warm-up", ActionState.Pending, request.Nonce, now,
            request.ExpiresAt, AwaitsBoot: true, "boot-before", JsonSerializer.Serialize(signed, ContractJson.Options));
        var buffer = new ArrayBufferWriter<byte>(4096);
        Write(buffer, new ActionPoll([JsonSerializer.Deserialize<SignedActionRequest>(action.Envelope, ContractJson.Options)!]));
        action = Apply(action, ActionRules.Deliver(action, now));
        foreach (var body in Reports)
        {
            var report = JsonSerializer.Deserialize<ActionReport>(body, ContractJson.Options)!;
            if (ActionRequestValidation.Validate(report) is { } refused)
            {
                throw new InvalidOperationException(refused);
            }
            action = Apply(action, ActionRules.Report(action, report, now).Change);
            Write(buffer, new ActionReportAccepted(action.Id, true));
            if (report.State == "running")
            {
                action = Apply(action, ActionRules.BootSeen(action, "boot-after", now));
            }
        }
        return action;
    }

    private static AgentAction Apply(AgentAction action, ActionChange? change)
    {
        var next = change?.Next ?? action;
        _ = ActionJson.Text(next);
        return next;
    }

    private static void Write<T>(ArrayBufferWriter<byte> buffer, T value)
    {
        buffer.ResetWrittenCount();
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, value, ContractJson.Options);
    }
}
