using Vigil.Agent.Actions;

namespace Vigil.Agent.Tests.Actions;

public sealed class NonceStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-nonces-").FullName;

    private string FilePath => NonceStore.PathIn(Path.Join(_dir, "state"));

    [Fact]
    public void Nonce_IsAcceptedOnce()
    {
        var store = NonceStore.Open(FilePath, T0);
        Assert.True(store.TryAccept("nonce-aaaaaaaaaaaaaaaa", T0.AddSeconds(60), T0));
        Assert.False(store.TryAccept("nonce-aaaaaaaaaaaaaaaa", T0.AddSeconds(60), T0.AddSeconds(1)));
        Assert.True(store.TryAccept("nonce-bbbbbbbbbbbbbbbb", T0.AddSeconds(60), T0.AddSeconds(1)));
    }

    [Fact]
    public void Nonce_IsStillRefusedAfterARestart_UntilItsRequestExpired()
    {
        NonceStore.Open(FilePath, T0).TryAccept("nonce-aaaaaaaaaaaaaaaa", T0.AddSeconds(60), T0);

        var restarted = NonceStore.Open(FilePath, T0.AddSeconds(30));
        Assert.False(restarted.TryAccept("nonce-aaaaaaaaaaaaaaaa", T0.AddSeconds(60), T0.AddSeconds(30)));

        // Kept a minute past expiry (clock steps), then forgotten: the request itself is refused as expired by then.
        var muchLater = NonceStore.Open(FilePath, T0.AddMinutes(3));
        Assert.Equal(0, muchLater.Count);
    }

    [Fact]
    public void TornLastLine_FromACrashMidWrite_IsIgnored()
    {
        NonceStore.Open(FilePath, T0).TryAccept("nonce-aaaaaaaaaaaaaaaa", T0.AddSeconds(60), T0);
        File.AppendAllText(FilePath, "nonce-bbbbbbbb");

        var restarted = NonceStore.Open(FilePath, T0);

        Assert.Equal(1, restarted.Count);
        Assert.False(restarted.TryAccept("nonce-aaaaaaaaaaaaaaaa", T0.AddSeconds(60), T0));
        Assert.True(restarted.TryAccept("nonce-bbbbbbbb", T0.AddSeconds(60), T0));
    }

    [Fact]
    public void File_IsCompacted_SoExpiredNoncesDoNotPileUp()
    {
        var store = NonceStore.Open(FilePath, T0);
        for (var i = 0; i < 500; i++)
        {
            var now = T0.AddSeconds(i * 10);
            Assert.True(store.TryAccept($"nonce-{i:D16}", now.AddSeconds(60), now));
        }
        Assert.True(File.ReadAllLines(FilePath).Length < 250);
        Assert.False(NonceStore.Open(FilePath, T0.AddSeconds(4990)).TryAccept("nonce-0000000000000499", T0.AddSeconds(5050), T0.AddSeconds(4990)));
    }

    [Fact]
    public void UnwritableStore_FailsTheAccept_SoTheRequestIsNotActedOn()
    {
        var store = NonceStore.Open(FilePath, T0);
        // A folder where the file should be: no one (not even root) can append to it.
        File.Delete(FilePath);
        Directory.CreateDirectory(FilePath);

        var e = Record.Exception(() => store.TryAccept("nonce-aaaaaaaaaaaaaaaa", T0.AddSeconds(60), T0));

        Assert.True(e is IOException or UnauthorizedAccessException, e?.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
