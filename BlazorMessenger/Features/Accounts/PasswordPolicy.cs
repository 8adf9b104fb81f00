using System.IO.Compression;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// NIST SP 800-63B: a minimum length and a list of passwords attackers try first, no composition rules. Identity's own
/// validator checks the length (its character-class rules are off); this one refuses the common passwords and the
/// person's own username, for every path that sets a password.
/// </summary>
public sealed class PasswordPolicy(IOptions<AccountOptions> options) : IPasswordValidator<ApplicationUser>
{
    public const string ListResource = "BlazorMessenger.Features.Accounts.common-passwords.txt.gz";

    public static void Configure(PasswordOptions password, AccountOptions accounts)
    {
        password.RequiredLength = accounts.PasswordMinLength;
        password.RequiredUniqueChars = 1;
        password.RequireDigit = false;
        password.RequireLowercase = false;
        password.RequireUppercase = false;
        password.RequireNonAlphanumeric = false;
    }

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < options.Value.PasswordMinLength)
        {
            return Task.FromResult(IdentityResult.Success); // Identity's length rule answers this one, once.
        }

        if (password.Length > options.Value.PasswordMaxLength)
        {
            return Fail("PasswordTooLong", $"Passwords can be at most {options.Value.PasswordMaxLength} characters long.");
        }

        if (string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Fail("PasswordIsUsername", "Your password can't be your username.");
        }

        return IsCommon(password)
            ? Fail("PasswordTooCommon", "This password is on a list of common passwords that attackers try first. Choose another one (a few unrelated words work well).")
            : Task.FromResult(IdentityResult.Success);
    }

    /// <summary>
    /// Reads the bundled list (sorted, lower case, only entries of 10 to 64 characters) until it passes the candidate:
    /// a few milliseconds per password change, and nothing kept in memory between them.
    /// </summary>
    public static bool IsCommon(string password)
    {
        var candidate = password.ToLowerInvariant();
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream(ListResource)
            ?? throw new InvalidOperationException($"The common password list ({ListResource}) is missing from the build.");
        using var reader = new StreamReader(new GZipStream(stream, CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            var order = string.CompareOrdinal(line, candidate);
            if (order >= 0)
            {
                return order == 0;
            }
        }

        return false;
    }

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));
}
