using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Components.Account;

/// <summary>
/// Identity's own validator checks characters and uniqueness; this adds the length rule and a clear message,
/// so the rule holds for every path that creates or renames a user, not only the registration form.
/// </summary>
public sealed class UsernameValidator : IUserValidator<ApplicationUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        Task.FromResult(UsernameRules.IsValid(user.UserName)
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "InvalidUsername", Description = UsernameRules.Describe }));
}
