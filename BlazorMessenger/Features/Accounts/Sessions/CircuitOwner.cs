using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// Whom a page was rendered for: a key of the sign-in (its session, else the account; "" when signed out) that the
/// page's root component carries as a parameter. The framework protects root components' parameters with Data
/// Protection, so a page cannot change it; a circuit started from that page under another sign-in is refused (see
/// Routes). Without it, a page holding one person's component markers could start a circuit with another's cookie.
/// </summary>
public static class CircuitOwner
{
    public static string KeyOf(ClaimsPrincipal user) =>
        SessionCookie.SessionOf(user) is { } session ? Digest("session:" + session)
        : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? Digest("user:" + id)
        : "";

    /// <summary>Throws (ending the circuit) when the circuit is signed in as someone other than the page was rendered for.</summary>
    public static void Admit(string renderedFor, ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated == true && KeyOf(user) != renderedFor)
        {
            throw new CircuitRefusedException();
        }
    }

    private static string Digest(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)), 0, 16);
}

public sealed class CircuitRefusedException()
    : InvalidOperationException("This page was rendered for another sign-in; a circuit for it may not run as the browser's current one.");
