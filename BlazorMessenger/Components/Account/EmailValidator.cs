using System.ComponentModel.DataAnnotations;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Components.Account;

/// <summary>
/// An email is optional (an install without a mail server doesn't ask for one), but one that is given must look like
/// an address and belong to one account only. Identity's own rule would demand an email of everyone.
/// </summary>
public sealed class EmailValidator : IUserValidator<ApplicationUser>
{
    private static readonly EmailAddressAttribute Format = new();

    public async Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (string.IsNullOrEmpty(user.Email))
        {
            return IdentityResult.Success;
        }

        if (!Format.IsValid(user.Email))
        {
            return IdentityResult.Failed(manager.ErrorDescriber.InvalidEmail(user.Email));
        }

        var owner = await manager.FindByEmailAsync(user.Email);
        return owner is null || owner.Id == user.Id
            ? IdentityResult.Success
            : IdentityResult.Failed(manager.ErrorDescriber.DuplicateEmail(user.Email));
    }
}
