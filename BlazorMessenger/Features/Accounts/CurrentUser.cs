using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace BlazorMessenger.Features.Accounts;

/// <summary>The signed-in user of this circuit, from its authentication state: never from anything the browser sends.</summary>
public sealed class CurrentUser(AuthenticationStateProvider authentication)
{
    public async Task<string?> FindIdAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.FindFirstValue(ClaimTypes.NameIdentifier);
    }

    /// <summary>The signed-in session this circuit runs under (see SessionService), or null.</summary>
    public async Task<string?> FindSessionIdAsync() => Sessions.SessionCookie.SessionOf((await authentication.GetAuthenticationStateAsync()).User);

    public async Task<string> GetIdAsync() =>
        await FindIdAsync() ?? throw new InvalidOperationException("No user is signed in on this circuit.");
}
