using BlazorMessenger.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// Password sign-in that tells nothing about whether an account exists: an unknown name costs one password hash like
/// a known one, and the per-address wait (<see cref="LoginThrottle"/>) applies to both alike.
/// </summary>
public sealed class MessengerSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    LoginThrottle throttle)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? s_unknownUserHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var name = UserManager.NormalizeName(userName) ?? "";
        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "";
        if (throttle.IsWaiting(name, address))
        {
            return SignInResult.LockedOut;
        }

        var user = await UserManager.FindByNameAsync(userName);
        SignInResult result;
        if (user is null)
        {
            // The same work a wrong password costs, so the answer's timing doesn't tell the name is free.
            s_unknownUserHash ??= UserManager.PasswordHasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());
            UserManager.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), s_unknownUserHash, password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(name, address);
        }
        else if (!result.IsLockedOut)
        {
            throttle.Failed(name, address);
        }

        return result;
    }

    /// <summary>A disabled or deleted account signs in nowhere, whatever the credentials.</summary>
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user is { DisabledUtc: null, DeletedUtc: null } && await base.CanSignInAsync(user);
}
