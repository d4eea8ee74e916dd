using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http.Features;

namespace Vigil.Server.Hosting;

/// <summary>
/// The safety net behind every endpoint. A request Kestrel or parameter binding refused (<see cref="BadHttpRequestException"/>:
/// a body over the limit, malformed JSON, a query value of the wrong type) gets its own 4xx with a clear ProblemDetails;
/// anything else is a bug, answered 500 with the request id and logged with the exception and the same id.
/// </summary>
internal sealed partial class UnhandledExceptionHandler(IProblemDetailsService problems, ILogger<UnhandledExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return true; // the client went away; there is no one to answer
        }
        var id = context.TraceIdentifier;
        context.Response.Headers[RequestIdMiddleware.Header] = id;
        int status;
        string detail;
        if (exception is BadHttpRequestException bad)
        {
            status = bad.StatusCode;
            detail = status == StatusCodes.Status413PayloadTooLarge
                ? $"request body is larger than server.max_body_bytes ({context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes)"
                : bad.InnerException is JsonException json ? $"{bad.Message.TrimEnd('.')}: {JsonInput.Describe(json)}" : bad.Message;
            LogRefused(logger, context.Request.Method, context.Request.Path.Value ?? "", status, detail, id);
        }
        else
        {
            status = StatusCodes.Status500InternalServerError;
            detail = $"unexpected error; the server log has it under request id {id}";
            LogUnexpected(logger, exception, context.Request.Method, context.Request.Path.Value ?? "", id);
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error answering {Method} {Path} (request id {RequestId})")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path, string requestId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Refused {Method} {Path} with {Status}: {Detail} (request id {RequestId})")]
    private static partial void LogRefused(ILogger logger, string method, string path, int status, string detail, string requestId);
}
