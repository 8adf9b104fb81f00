using BlazorMessenger.Components.Account;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// Creating an account without telling anyone whose email is registered. The username is a public handle, so "taken"
/// may be said; an email that belongs to someone gets exactly the answer a new one gets ("check your inbox"), while its
/// owner is sent a password-reset link instead of a confirmation.
/// </summary>
public sealed class Registration(UserManager<ApplicationUser> users, IEmailSender<ApplicationUser> mail, Admin.AdminService admins)
{
    /// <summary>
    /// Created: the new account (its confirmation mail is the caller's, who knows the links). Neither created nor failed:
    /// the email was taken and its owner was mailed; answer as if created.
    /// </summary>
    public sealed record Outcome(ApplicationUser? Created, IReadOnlyList<string> Errors)
    {
        public bool Failed => Errors.Count > 0;
    }

    public async Task<Outcome> RegisterAsync(string userName, string? email, string password, Func<string, string> resetLink)
    {
        var user = new ApplicationUser { UserName = UsernameRules.Normalize(userName), Email = email?.Trim() };
        if (admins.IsReserved(user.UserName))
        {
            // A name in Messenger:Admins would make whoever registers it first an admin: it reads as taken.
            return new(null, [users.ErrorDescriber.DuplicateUserName(user.UserName).Description]);
        }

        var owner = user.Email is { Length: > 0 } ? await users.FindByEmailAsync(user.Email) : null;

        // A taken email creates the account all the same (without the email, so it can never sign in unconfirmed):
        // the same work, the same answer, and the username is as taken afterwards as for a new address.
        user.Email = owner is null ? user.Email : null;
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new(null, [.. Describe(created)]);
        }

        await admins.PromoteIfFirstAsync(user.Id);
        if (owner is null)
        {
            return new(user, []);
        }

        var code = await users.GeneratePasswordResetTokenAsync(owner);
        await mail.SendPasswordResetLinkAsync(owner, owner.Email!, resetLink(code));
        return new(null, []);
    }

    private static IEnumerable<string> Describe(IdentityResult result) => result.Errors.Select(e => e.Description);
}
