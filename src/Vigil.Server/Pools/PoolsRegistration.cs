using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Pools;

/// <summary><c>AddPools()</c>: the pool service (no background work: pools are read when asked).</summary>
internal static class PoolsRegistration
{
    public static IServiceCollection AddPools(this IServiceCollection services) => services.AddSingleton<PoolService>();
}
