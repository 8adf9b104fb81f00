using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting;

/// <summary>
/// A page of another origin on the same site (another port of the host, a sibling subdomain) gets the Lax sign-in
/// cookie on its requests to the app, WebSockets included. The circuit hub (<c>/_blazor</c>: negotiate, WebSocket,
/// long polling) and every endpoint marked <see cref="RequireSameOrigin{TBuilder}"/> answer such a request 403 unless
/// its <c>Origin</c> is the app's own (scheme, host and port as the browser sees them: through a known proxy's
/// forwarded headers, which run first) or listed in <c>Messenger:Security:AllowedOrigins</c>. A request without
/// <c>Origin</c> passes: browsers send one on every WebSocket and every cross-origin script request, and a plain
/// navigation or image carries no script's intent.
/// </summary>
public static partial class SameOriginGate
{
    public const string HubPath = "/_blazor";

    public static TBuilder RequireSameOrigin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(SameOriginOnly.Instance);

    /// <summary>After routing (the endpoint's metadata) and the security headers (a refusal carries them too).</summary>
    public static IApplicationBuilder UseSameOriginGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (Guarded(context) && context.Request.Headers.Origin is [{ } origin] && !IsAllowed(context, origin))
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SameOriginGate));
                LogRefused(logger, context.Request.Method, context.Request.Path, origin);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("Requests from another site's page are refused.", context.RequestAborted);
                return;
            }

            await next(context);
        });

    private static bool Guarded(HttpContext context) =>
        context.Request.Path.StartsWithSegments(HubPath) || context.GetEndpoint()?.Metadata.GetMetadata<SameOriginOnly>() is not null;

    private static bool IsAllowed(HttpContext context, string origin)
    {
        if (Normalize(origin) is not { } given)
        {
            return false;
        }

        var request = context.Request;
        if (Normalize($"{request.Scheme}://{request.Host.Value}") == given)
        {
            return true;
        }

        var allowed = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.AllowedOrigins;
        return allowed.Any(a => Normalize(a) == given);
    }

    /// <summary>"scheme://host:port" in lower case with the port always written; null for "null" and anything malformed.</summary>
    public static string? Normalize(string? origin) =>
        Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            ? $"{uri.Scheme}://{uri.IdnHost.ToLowerInvariant()}:{uri.Port}"
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} from a page of another origin ({Origin}).")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, string origin);

    private sealed class SameOriginOnly
    {
        public static readonly SameOriginOnly Instance = new();
    }
}
