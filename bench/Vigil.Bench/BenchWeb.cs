using Microsoft.AspNetCore.Builder;

namespace Vigil.Bench;

/// <summary>The bench's own small HTTP servers (webhook sinks, health backends, probe targets).</summary>
internal static class BenchWeb
{
    /// <summary>
    /// A slim builder that watches no folder. By default ASP.NET Core watches the content root, subfolders included, for
    /// <c>appsettings.json</c> changes: with the content root the working directory or a run's temporary folder, every
    /// write the server made to its database under it woke the bench through inotify while it measured (the plans
    /// bench's health backend had the run's folder, <c>data/</c> included, as its content root).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string? contentRoot = null) =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot ?? AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
}
