using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// Ties the Identity cookie to a server-side session: signing in starts one (or renews the one signing in again),
/// every request checks it, signing out ends it. A copied cookie dies with its session.
/// </summary>
public static class SessionCookie
{
    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Events.OnSigningIn = SigningInAsync;
        options.Events.OnValidatePrincipal = ValidateAsync;
        options.Events.OnSigningOut = SigningOutAsync;
    }

    private static async Task SigningInAsync(CookieSigningInContext context)
    {
        var services = context.HttpContext.RequestServices;
        var sessions = services.GetRequiredService<SessionService>();
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var identity = (ClaimsIdentity)context.Principal!.Identity!;
        var userId = identity.FindFirst(claims.UserIdClaimType)!.Value;
        var stamp = identity.FindFirst(claims.SecurityStampClaimType)?.Value ?? "";
        var ct = context.HttpContext.RequestAborted;

        // A signed-in person signing in again (after changing their own password) keeps their session; the stamp change
        // has ended every other one, and their open tabs hear it now.
        if (context.Properties.Items.TryGetValue(ClaimType, out var sessionId) && sessionId is not null
            && context.HttpContext.User.FindFirstValue(ClaimType) == sessionId
            && await sessions.RenewAsync(sessionId, userId, stamp, ct))
        {
            await sessions.EndStaleAsync(userId, ct);
        }
        else
        {
            // Signing in again in a browser that had a session (another account, or after its cookie was replaced) ends that one.
            if (SessionOf(context.HttpContext.User) is { } previous && context.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } previousUser)
            {
                await sessions.EndAsync(previousUser, previous, ct);
            }

            var request = context.HttpContext.Request;
            sessionId = await sessions.StartAsync(
                userId, stamp, request.Headers.UserAgent.ToString(), context.HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
        }

        context.Properties.Items[ClaimType] = sessionId;
        identity.AddClaim(new Claim(ClaimType, sessionId));
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionService>();
        if (!await sessions.IsActiveAsync(SessionOf(context.Principal), UserOf(context), context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    private static async Task SigningOutAsync(CookieSigningOutContext context)
    {
        // Pictures and files the browser kept while signed in go with the sign-in (protected media revalidate anyway).
        context.HttpContext.Response.Headers["Clear-Site-Data"] = "\"cache\"";
        var user = context.HttpContext.User;
        var (sessionId, userId) = (SessionOf(user), user.FindFirstValue(ClaimTypes.NameIdentifier));
        if (sessionId is not null && userId is not null)
        {
            await context.HttpContext.RequestServices.GetRequiredService<SessionService>()
                .EndAsync(userId, sessionId, context.HttpContext.RequestAborted);
        }
    }

    private const string ClaimType = SessionService.ClaimType;

    public static string? SessionOf(ClaimsPrincipal? principal) => principal?.FindFirstValue(ClaimType);

    private static string? UserOf(CookieValidatePrincipalContext context) =>
        context.Principal?.FindFirstValue(context.HttpContext.RequestServices
            .GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.UserIdClaimType);
}
