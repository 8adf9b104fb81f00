using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Components.Account;

/// <summary>The login box takes a username or an email; usernames never contain '@', so the two can't collide.</summary>
public static class LoginNameResolver
{
    public static async Task<string> ResolveUserNameAsync(UserManager<ApplicationUser> users, string input)
    {
        var trimmed = input.Trim();
        if (!trimmed.Contains('@'))
        {
            return trimmed;
        }

        // An unknown email falls through unchanged, so it fails exactly like a wrong password.
        var byEmail = await users.FindByEmailAsync(trimmed);
        return byEmail?.UserName ?? trimmed;
    }
}
