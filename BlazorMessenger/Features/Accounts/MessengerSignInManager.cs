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

    private string Address => ClientAddress.KeyOf(Context);

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var name = UserManager.NormalizeName(userName) ?? "";
        if (throttle.IsWaiting(name, Address))
        {
            SpendAHash(password);
            return SignInResult.LockedOut;
        }

        var user = await UserManager.FindByNameAsync(userName);
        SignInResult result;
        if (user is null)
        {
            SpendAHash(password);
            result = SignInResult.Failed;
        }
        else
        {
            result = await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
            if (result.IsNotAllowed || result.IsLockedOut)
            {
                SpendAHash(password); // refused before the password was looked at: take as long as if it had been
            }
        }

        return Count(name, result);
    }

    /// <summary>Second factors count against the same per-address wait as passwords, by the account's name.</summary>
    public override async Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        await SecondFactorAsync(() => base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient));

    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        await SecondFactorAsync(() => base.TwoFactorRecoveryCodeSignInAsync(recoveryCode));

    /// <summary>A disabled or deleted account signs in nowhere, whatever the credentials.</summary>
    public override async Task<bool> CanSignInAsync(ApplicationUser user) =>
        user is { DisabledUtc: null, DeletedUtc: null } && await base.CanSignInAsync(user);

    private async Task<SignInResult> SecondFactorAsync(Func<Task<SignInResult>> attempt)
    {
        var name = (await GetTwoFactorAuthenticationUserAsync())?.NormalizedUserName ?? "";
        return throttle.IsWaiting(name, Address) ? SignInResult.LockedOut : Count(name, await attempt());
    }

    private SignInResult Count(string name, SignInResult result)
    {
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(name, Address);
        }
        else if (!result.IsLockedOut)
        {
            throttle.Failed(name, Address);
        }

        return result;
    }

    /// <summary>The same work a wrong password costs, so the answer's timing doesn't tell whether the name is free.</summary>
    private void SpendAHash(string password)
    {
        s_unknownUserHash ??= UserManager.PasswordHasher.HashPassword(new ApplicationUser(), Guid.NewGuid().ToString());
        UserManager.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), s_unknownUserHash, password);
    }
}
