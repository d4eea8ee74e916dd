using Microsoft.Extensions.DependencyInjection;

namespace Vigil.Server.Plans;

/// <summary><c>AddPlanDefinitions()</c>: stored plans and the catalog the plan engine finds plans in.</summary>
internal static class PlanDefinitionsRegistration
{
    public static IServiceCollection AddPlanDefinitions(this IServiceCollection services) =>
        services.AddSingleton<PlanStore>().AddSingleton<PlanCatalog>();
}
