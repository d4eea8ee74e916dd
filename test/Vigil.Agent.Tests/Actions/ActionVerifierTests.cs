using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Vigil.Agent.Actions;
using Vigil.Contracts.Agents;

namespace Vigil.Agent.Tests.Actions;

/// <summary>Signing (the server's side) and the agent's checks of a signed request, with real P-256 keys.</summary>
public sealed class ActionVerifierTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly ActionSpec[] Allowed = [new("mount-all", ["/bin/mount", "-a"], TimeSpan.FromSeconds(30))];

    private readonly ECDsa _server = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    private ECDsa Pinned => ActionSigning.ImportPublicKey(ActionSigning.PublicKeyOf(_server))!;

    private static ActionRequest Request(string action = "mount-all", string host = "db-1") =>
        new("r1", host, action, "the volume did not mount", "nonce-0123456789abcdef", T0, T0.AddSeconds(60));

    [Fact]
    public void SignedByThePinnedKey_ForThisHost_AllowListed_IsAccepted()
    {
        var check = ActionVerifier.Check(ActionSigning.Sign(Request(), _server), [Pinned], "db-1", Allowed, T0.AddSeconds(1));
        Assert.True(check.Accepted, check.Message);
        Assert.Equal("mount-all", check.Spec!.Name);
        Assert.Equal(Request(), check.Request);
    }

    [Theory]
    [InlineData("wipe-disk", "db-1", 1, ActionRefusals.NotAllowed)]
    [InlineData("mount-all", "db-2", 1, ActionRefusals.WrongHost)]
    [InlineData("mount-all", "db-1", 61, ActionRefusals.Expired)]
    public void Request_IsRefused(string action, string host, int atSecond, string code)
    {
        var check = ActionVerifier.Check(ActionSigning.Sign(Request(action, host), _server), [Pinned], "db-1", Allowed, T0.AddSeconds(atSecond));
        Assert.Equal(code, check.RefusalCode);
        Assert.Equal("r1", check.RequestId);
    }

    [Fact]
    public void SignedByAnotherKey_IsRefused()
    {
        var check = ActionVerifier.Check(ActionSigning.Sign(Request(), _other), [Pinned], "db-1", Allowed, T0);
        Assert.Equal(ActionRefusals.BadSignature, check.RefusalCode);
    }

    [Fact]
    public void PayloadChangedAfterSigning_IsRefused()
    {
        var signed = ActionSigning.Sign(Request("mount-all"), _server);
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(signed.Payload)).Replace("\"db-1\"", "\"db-2\"", StringComparison.Ordinal);
        var forged = signed with { Payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)) };

        var check = ActionVerifier.Check(forged, [Pinned], "db-2", Allowed, T0);

        Assert.Equal(ActionRefusals.BadSignature, check.RefusalCode);
    }

    [Fact]
    public void AgentWithoutServerKey_RefusesEverything_AsNotAllowed()
    {
        var check = ActionVerifier.Check(ActionSigning.Sign(Request(), _server), [], "db-1", [], T0);
        Assert.Equal(ActionRefusals.NotAllowed, check.RefusalCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64 at all")]
    [InlineData("MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE")]
    public void ImportPublicKey_OfSomethingElse_IsNull(string text) => Assert.Null(ActionSigning.ImportPublicKey(text));

    public void Dispose()
    {
        _server.Dispose();
        _other.Dispose();
    }
}
