using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Features.Accounts;

[BothDatabases]
public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Aa1!aa", "at least 10 characters")]
    [InlineData("Passw0rd!", "at least 10 characters")]
    [InlineData("password123", "common passwords")]
    [InlineData("QWERTYUIOP", "common passwords")]
    [InlineData("1q2w3e4r5t", "common passwords")]
    [InlineData("frank_long_name", "can't be your username")]
    public async Task Short_common_and_own_name_passwords_are_refused_with_the_reason(string password, string reason)
    {
        var result = await CreateAsync("frank_long_name", password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Description.Contains(reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("blue kettle river")]
    [InlineData("alllowercaseletters")]
    [InlineData("0123498765")]
    public async Task Long_uncommon_passwords_need_no_digits_capitals_or_symbols(string password) =>
        Assert.True((await CreateAsync("grace", password)).Succeeded);

    [Fact]
    public void Entries_from_both_ends_of_the_sorted_list_count_and_case_does_not_matter()
    {
        Assert.True(PasswordPolicy.IsCommon("ZZZZZZZZZZ"));
        Assert.True(PasswordPolicy.IsCommon("~will5melvin"));
        Assert.True(PasswordPolicy.IsCommon("0000000000"));
        Assert.False(PasswordPolicy.IsCommon("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz~"));
    }

    [Fact]
    public async Task The_minimum_length_is_a_setting()
    {
        await using var services = await TestServices.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Messenger:Accounts:PasswordMinLength"] = "16",
        });
        await using var scope = services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();

        var result = await users.CreateAsync(new ApplicationUser { UserName = "heidi" }, "blue kettle 94");

        Assert.Contains(result.Errors, e => e.Description.Contains("at least 16 characters", StringComparison.Ordinal));
    }

    private static async Task<IdentityResult> CreateAsync(string userName, string password)
    {
        await using var services = await TestServices.CreateAsync();
        await using var scope = services.Provider.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>()
            .CreateAsync(new ApplicationUser { UserName = userName }, password);
    }
}
