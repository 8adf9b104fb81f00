using System.Text;
using BlazorMessenger.Features.Accounts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// POST /hooks/{key}, as Slack and Mattermost take it: JSON with any content type or none (curl's form type included),
/// or the JSON in a form field "payload" (Slack's legacy form, which GitLab sends, urlencoded or multipart). Answers
/// are Slack's: 200 with the body exactly "ok" (Alertmanager and Grafana compare the bytes), or an error code as plain
/// text. Never a 500: a failure of the server's own is a 503 to retry.
/// </summary>
public static partial class HookEndpoint
{
    public static IEndpointRouteBuilder MapHooks(this IEndpointRouteBuilder app)
    {
        // Plain HTTP, no antiforgery, no sign-in: the key in the path is the credential.
        app.MapPost("/hooks/{key}", PostAsync).DisableAntiforgery().AllowAnonymous();
        return app;
    }

    private static async Task PostAsync(HttpContext context, string key, HookService hooks, IOptions<HookOptions> options, ILogger<HookService> logger)
    {
        var ct = context.RequestAborted;
        HookAnswer answer;
        try
        {
            var payload = await ReadAsync(context.Request, options.Value.MaxPayloadBytes, ct);
            var parsed = payload is null ? null : HookPayload.Parse(payload);
            answer = payload is null ? HookAnswer.TooLarge
                : parsed!.Post is { } post ? await hooks.PostAsync(key, post, ClientAddress.KeyOf(context), ct)
                : HookAnswer.Invalid(parsed.Error!);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
            answer = new HookAnswer(StatusCodes.Status503ServiceUnavailable, "service_unavailable", 5);
        }

        context.Response.StatusCode = answer.Status;
        context.Response.Headers.CacheControl = "no-store";
        if (answer.RetryAfterSeconds is { } wait)
        {
            context.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(answer.Body, ct);
    }

    /// <summary>The payload's JSON text ("" for an empty body or form), or null when the body is over the limit.</summary>
    private static async Task<string?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var bytes = await ReadUpToAsync(request.Body, maxBytes + 1, ct);
        if (bytes.Length > maxBytes)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (!request.HasFormContentType)
        {
            return text;
        }

        if (request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            return await MultipartPayloadAsync(request.ContentType, bytes, ct) ?? "";
        }

        // `curl -d '{"text":…}'` labels its JSON a form: a body that is an object is the payload itself.
        return text.TrimStart().StartsWith('{') ? text : QueryHelpers.ParseQuery(text).GetValueOrDefault("payload").ToString();
    }

    private static async Task<byte[]> ReadUpToAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The "payload" field of a multipart form already read into memory; null without one, or for a broken form.</summary>
    private static async Task<string?> MultipartPayloadAsync(string contentType, byte[] bytes, CancellationToken ct)
    {
        try
        {
            return await FieldAsync(contentType, bytes, "payload", ct);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException)
        {
            return null; // the sender's mistake: invalid_payload, not the server's 503
        }
    }

    private static async Task<string?> FieldAsync(string contentType, byte[] bytes, string name, CancellationToken ct)
    {
        var boundary = Microsoft.Net.Http.Headers.HeaderUtilities.RemoveQuotes(Microsoft.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType).Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return null;
        }

        var reader = new MultipartReader(boundary, new MemoryStream(bytes));
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (section.AsFormDataSection() is { } field && field.Name == name)
            {
                return await field.GetValueAsync(ct);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A webhook post failed on the server's side.")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
