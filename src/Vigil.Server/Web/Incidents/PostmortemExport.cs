using Vigil.Server.Incidents.Postmortems;
using Vigil.Server.Security;
using Vigil.Server.Web.Sessions;

namespace Vigil.Server.Web.Incidents;

/// <summary><c>/ui/incidents/{id}/postmortem.md</c> and <c>.html</c>: the generated postmortem downloaded with the UI
/// session (the API has the same at <c>/api/v1/incidents/{id}/postmortem</c> for tokens), in the viewer's zone.</summary>
internal static class PostmortemExport
{
    public static void MapPostmortemExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ui/incidents/{id:long}/postmortem.md", (long id, HttpContext context, PostmortemService postmortems) =>
            ExportAsync(id, context, postmortems, markdown: true)).AllowAnonymousAccess(); // the UI session middleware guards /ui
        app.MapGet("/ui/incidents/{id:long}/postmortem.html", (long id, HttpContext context, PostmortemService postmortems) =>
            ExportAsync(id, context, postmortems, markdown: false)).AllowAnonymousAccess();
    }

    private static async Task<IResult> ExportAsync(long id, HttpContext context, PostmortemService postmortems, bool markdown)
    {
        if (await postmortems.WriteAsync(id, UiZone.Of(context), context.RequestAborted) is not { } p)
        {
            return Results.Problem(detail: $"no incident {id}", statusCode: StatusCodes.Status404NotFound);
        }
        if (markdown)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"incident-{id}-postmortem.md\"";
            return Results.Text(PostmortemMarkdown.Render(p), "text/markdown; charset=utf-8");
        }
        // A self-contained document with its own inline style and no script.
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        return Results.Content(PostmortemHtml.Render(p), "text/html; charset=utf-8");
    }
}
