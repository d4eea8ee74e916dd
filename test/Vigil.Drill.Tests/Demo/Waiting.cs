namespace Vigil.Drill.Tests.Demo;

/// <summary>Polls until a condition holds (at most 2 minutes: the demo runs in real time on a loaded machine).</summary>
internal static class Waiting
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(2);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"gave up waiting for {what}; last seen: {value}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }
    }
}
