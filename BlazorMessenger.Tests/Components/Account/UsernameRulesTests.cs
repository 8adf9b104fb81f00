using BlazorMessenger.Components.Account;
using BlazorMessenger.Data;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Components.Account;

public sealed class UsernameRulesTests
{
    [Theory]
    [InlineData("bob")]
    [InlineData("alice_smith.2")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public async Task A_valid_handle_is_accepted_by_the_user_manager(string userName)
    {
        await using var services = await TestServices.CreateAsync();
        var result = await CreateAsync(services, userName);

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("Alice")]
    [InlineData("al ice")]
    [InlineData("al@ce")]
    [InlineData("al-ice")]
    [InlineData("ålice")]
    public async Task An_invalid_handle_is_refused_with_the_rule_spelled_out(string userName)
    {
        await using var services = await TestServices.CreateAsync();
        var result = await CreateAsync(services, userName);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description == UsernameRules.Describe);
    }

    [Fact]
    public async Task A_handle_is_unique_regardless_of_case()
    {
        await using var services = await TestServices.CreateAsync();
        Assert.True((await CreateAsync(services, "carol")).Succeeded);

        var result = await CreateAsync(services, UsernameRules.Normalize("  CaRoL "));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == "DuplicateUserName");
    }

    [Fact]
    public async Task An_email_can_belong_to_one_account_only()
    {
        await using var services = await TestServices.CreateAsync();
        Assert.True((await CreateAsync(services, "dave", "same@example.test")).Succeeded);

        var result = await CreateAsync(services, "erin", "SAME@example.test");

        Assert.Contains(result.Errors, e => e.Code == "DuplicateEmail");
    }

    [Fact]
    public void Normalizing_trims_and_lowercases_what_was_typed() =>
        Assert.Equal("alice.b", UsernameRules.Normalize("  Alice.B "));

    private static async Task<IdentityResult> CreateAsync(TestServices services, string userName, string? email = null)
    {
        await using var scope = services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CreateAsync(
            new ApplicationUser { UserName = userName, Email = email ?? $"{Guid.NewGuid():N}@example.test" }, "Blue-kettle-94-river");
    }
}
