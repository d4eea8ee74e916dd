using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Plans.Runs;

/// <summary><c>AddPlanRuns()</c>: the run store and service, the step executor, halts, dry runs and the runner that drives runs.</summary>
internal static class PlanRunsRegistration
{
    public static IServiceCollection AddPlanRuns(this IServiceCollection services)
    {
        services.AddSingleton<PlanRunStore>();
        services.AddSingleton<PlanRunService>();
        services.AddSingleton<PlanWindowSync>();
        // Its own client for webhook steps: each step sets its own timeout.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<StepExecutor>(sp,
            new HttpClient(Notify.ReceiverConnections.Handler()) { Timeout = Timeout.InfiniteTimeSpan }));
        services.AddSingleton<PlanHalts>();
        services.AddSingleton<PlanDryRun>();
        services.AddSingleton<PlanRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<PlanRunner>());
        return services;
    }
}
