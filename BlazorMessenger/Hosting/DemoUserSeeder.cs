using System.Security.Cryptography;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Admin;
using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Hosting;

/// <summary>Creates alice and bob for a first look; each gets a fresh random password, printed once.</summary>
public sealed class DemoUserSeeder(UserManager<ApplicationUser> userManager, AdminService admins, TextWriter console)
{
    public static readonly IReadOnlyList<(string UserName, string DisplayName)> DemoUsers =
        [("alice", "Alice"), ("bob", "Bob")];

    public async Task<IReadOnlyList<string>> SeedAsync(CancellationToken cancellationToken)
    {
        var created = new List<string>();
        foreach (var (userName, displayName) in DemoUsers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await userManager.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = userName,
                DisplayName = displayName,
                Email = $"{userName}@demo.invalid",
                EmailConfirmed = true,
            };
            var password = NewPassword();
            var result = await userManager.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Could not create demo user {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }

            await console.WriteLineAsync($"Demo user created: {userName} / {password}");
            await admins.PromoteIfFirstAsync(user.Id, cancellationToken);
            created.Add(userName);
        }

        return created;
    }

    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyz23456789", 12) + "-Aa1";
}
