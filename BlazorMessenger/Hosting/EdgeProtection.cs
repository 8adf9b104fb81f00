using System.Net;
using System.Threading.RateLimiting;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting;

/// <summary>
/// What stands between the internet and the pages: the proxy's forwarded headers (only from known proxies), per-address
/// limits on the account pages, Secure cookies whenever the original request was HTTPS, and no server banner.
/// </summary>
public static class EdgeProtection
{
    /// <summary>Password, two-factor and recovery attempts: a form post to one of those pages.</summary>
    public const string Attempts = "account-attempts";

    public const string Registrations = "registrations";

    public static void AddEdgeProtection(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>, IConfiguration>(ConfigureProxies);
        services.AddTransient<IStartupFilter, EdgeFirst>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;
            options.AddPolicy(Attempts, context => PerAddress(context, accounts =>
                UserRateLimiter.Bucket(accounts.AttemptBurst, accounts.AttemptsPerMinute)));
            options.AddPolicy(Registrations, context => PerAddress(context, accounts =>
                UserRateLimiter.Bucket(accounts.RegistrationBurst, accounts.RegistrationsPerHour / 60.0)));
        });
    }

    /// <summary>After routing (the limits are per endpoint); the forwarded headers came first, see EdgeFirst.</summary>
    public static void UseEdgeProtection(this WebApplication app) => app.UseRateLimiter();

    /// <summary>
    /// The proxy's view of the request (client address, https, host) must be in place before anything reads it, and the
    /// app's own pipeline starts with routing, authentication and authorization (whose redirects build absolute links
    /// from the request's Host): a startup filter runs ahead of all of them.
    /// </summary>
    private sealed class EdgeFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            app.Use(RelativeRedirects);
            next(app);
        };
    }

    /// <summary>
    /// Every redirect to this site is sent as a path: the sign-in cookie's challenges and the pages' navigations build
    /// absolute links from the request's Host, which anyone can write when AllowedHosts is "*".
    /// </summary>
    private static Task RelativeRedirects(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            if (response.Headers.Location is [{ } location] && Uri.TryCreate(location, UriKind.Absolute, out var target)
                && SameOriginGate.Normalize(target.GetLeftPart(UriPartial.Authority)) is { } origin
                && origin == SameOriginGate.Normalize($"{context.Request.Scheme}://{context.Request.Host.Value}")
                && !target.PathAndQuery.StartsWith("//", StringComparison.Ordinal))
            {
                response.Headers.Location = target.PathAndQuery + target.Fragment;
            }

            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void ConfigureProxies(ForwardedHeadersOptions options, IOptions<ProxyOptions> proxies, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        var proxy = proxies.Value;
        foreach (var address in proxy.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(address));
        }

        foreach (var network in proxy.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        // A forwarded Host must pass the same list as the request's own (AllowedHosts), or the proxy could bring in any.
        var hosts = (configuration["AllowedHosts"] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (!hosts.Contains("*"))
        {
            options.AllowedHosts = hosts;
        }
    }

    /// <summary>Only form posts count (the attempts); looking at the page is free.</summary>
    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<AccountOptions, TokenBucketRateLimiterOptions> bucket)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var accounts = context.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value;
        return RateLimitPartition.GetTokenBucketLimiter(ClientAddress.KeyOf(context), _ => bucket(accounts));
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var response = rejected.HttpContext.Response;
        var seconds = UserRateLimiter.WaitSeconds(rejected.Lease, TimeSpan.FromMinutes(1));
        response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "text/html; charset=utf-8";
        var minutes = seconds < 90 ? "a minute" : $"{Math.Ceiling(seconds / 60.0):0} minutes";
        await response.WriteAsync($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Too many attempts</title>
            <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#222}</style>
            </head><body><main>
            <h1>Too many attempts</h1>
            <p role="alert">Too many attempts came from your network in a short time. Please wait {{minutes}} and try again.</p>
            <p><a href="/">Back to BlazorMessenger</a></p>
            </main></body></html>
            """, ct);
    }
}
