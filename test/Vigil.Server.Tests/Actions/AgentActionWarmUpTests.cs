using Vigil.Contracts.Agents;
using Vigil.Server.Actions;
using Vigil.Server.Hosting;

namespace Vigil.Server.Tests.Actions;

/// <summary>The agent action warm-up takes a made-up reboot through the code a real one takes, signed as a real one is.</summary>
public sealed class AgentActionWarmUpTests
{
    [Fact]
    public void AWarmUpRound_TakesAMadeUpRebootFromItsSignatureToItsNewBoot()
    {
        var dir = Directory.CreateTempSubdirectory("vigil-action-warm-up-").FullName;
        try
        {
            using var signer = new ActionSigner(new VigilServerOptions { DataDir = dir });
            signer.Load();

            var action = AgentActionWarmUp.RunOnce(signer, TimeProvider.System);

            Assert.Equal(ActionState.Succeeded, action.State);
            Assert.Equal("boot-after", action.NewBootId);
            Assert.Equal(0, action.ExitCode);
            // Signed with the server's own key, as an agent would check it.
            var signed = System.Text.Json.JsonSerializer.Deserialize<SignedActionRequest>(action.Envelope, ContractJson.Options)!;
            using var key = ActionSigning.ImportPublicKey(signer.PublicKey)!;
            Assert.Equal(action.Nonce, ActionSigning.Verify(signed, [key])!.Nonce);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
