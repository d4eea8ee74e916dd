namespace Vigil.Server.Tests.Support;

/// <summary>Waits for something a background worker does.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (true)
        {
            var value = await probe();
            if (done(value) || TimeProvider.System.GetTimestamp() > deadline)
            {
                return value;
            }
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, and fails the test when it never does.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        var held = await GetAsync(condition, ok => ok, timeout);
        Assert.True(held, "the expected state was not reached in time");
    }
}
