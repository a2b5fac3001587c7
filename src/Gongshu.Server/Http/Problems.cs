using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Gongshu.Server.Http;

/// <summary>
/// Every failure leaves as an RFC 9457 problem detail with a stable <c>code</c>; an unexpected
/// exception becomes a 500 that names nothing internal.
/// </summary>
public static class Problems
{
    public static int StatusCode(ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => StatusCodes.Status400BadRequest,
        ErrorKind.Unauthorized => StatusCodes.Status401Unauthorized,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        ErrorKind.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    public static ProblemHttpResult From(GongshuException e) => TypedResults.Problem(Describe(e));

    public static ProblemHttpResult Create(int status, string code, string detail, string? field = null)
        => TypedResults.Problem(Build(status, code, detail, field));

    public static ProblemDetails Describe(GongshuException e)
    {
        var problem = Build(StatusCode(e.Kind), e.Code, e.Message, e.Field);
        if (e is Gongshu.Catalog.MetadataRulesException rules)
        {
            // The editor shows each failing rule next to its field.
            problem.Extensions["failures"] = rules.Failures;
        }

        if (e is Gongshu.Catalog.Excel.CatalogImportException import)
        {
            // Every wrong cell, so the department can fix the workbook in one go.
            problem.Extensions["errors"] = import.Errors;
            problem.Extensions["errorCount"] = import.ErrorCount;
        }

        if (e is Gongshu.Sharing.Query.FilterSyntaxException syntax)
        {
            // Lets a client underline the spot in the filter it sent.
            problem.Extensions["position"] = syntax.Position;
        }

        return problem;
    }

    public static ProblemDetails Build(int status, string code, string detail, string? field = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = Title(status),
            Detail = detail,
            Type = $"https://gongshu.dev/problems/{code}",
        };
        problem.Extensions["code"] = code;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    private static ProblemDetails? Refusal(Exception error, HttpContext context) => error switch
    {
        GongshuException g => Describe(g),
        BadHttpRequestException { StatusCode: 413 } => Build(413, "payload_too_large", "The request body is larger than this endpoint accepts."),
        BadHttpRequestException { InnerException: System.Text.Json.JsonException json } =>
            Build(400, "invalid_json", $"The request body is not valid JSON for this endpoint: {json.Message}"),
        BadHttpRequestException b => Build(b.StatusCode, "bad_request", b.Message),
        OperationCanceledException when context.RequestAborted.IsCancellationRequested => Build(400, "request_cancelled", "The request was cancelled."),
        _ => null,
    };

    /// <summary>Writes a problem detail as the whole response (for handlers outside endpoints).</summary>
    public static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = problem,
        });
    }

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        405 => "Method not allowed",
        409 => "Conflict",
        413 => "Payload too large",
        415 => "Unsupported media type",
        429 => "Too many requests",
        503 => "Service unavailable",
        _ => "Internal server error",
    };

    /// <summary>Turns exceptions that escape an endpoint into problem details.</summary>
    public static void UseProblemResponses(this WebApplication app)
    {
        // The safety net: anything unexpected is a 500 that names nothing internal, and is logged.
        app.UseExceptionHandler(errorApp => errorApp.Run(async context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Gongshu.Errors");
            logger.LogError(error, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, Build(500, "internal_error",
                "Something went wrong on the server. The error was logged; nothing was changed by this request."));
        }));

        // Expected refusals are answers, not errors: they become their problem detail without a log entry.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception error) when (!context.Response.HasStarted && Refusal(error, context) is { } problem)
            {
                context.Response.Clear();
                await WriteAsync(context, problem);
            }
        });

        // Answers without a body (unknown route, wrong method) still get a problem detail.
        app.UseStatusCodePages(async (StatusCodeContext statusContext) =>
        {
            var context = statusContext.HttpContext;
            var status = context.Response.StatusCode;
            var code = status switch
            {
                404 => "not_found",
                405 => "method_not_allowed",
                415 => "unsupported_media_type",
                413 => "payload_too_large",
                400 => "bad_request",
                401 => "authentication_required",
                403 => "forbidden",
                _ => "http_" + status,
            };
            var detail = status switch
            {
                404 => $"Nothing is served at {context.Request.Path}.",
                405 => $"{context.Request.Method} is not allowed on {context.Request.Path}.",
                415 => "Send the request body as application/json.",
                413 => "The request body is larger than this endpoint accepts.",
                400 => "The request could not be read.",
                401 => "Sign in, or sign the request with an app credential.",
                403 => "Your roles do not allow this.",
                _ => Title(status),
            };
            await WriteAsync(context, Build(status, code, detail));
        });
    }
}
