using BlazorMessenger.Components.Account;
using BlazorMessenger.Data;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Components.Account;

public sealed class LoginNameResolverTests
{
    [Theory]
    [InlineData("frank@example.test", "frank")]
    [InlineData("  FRANK@Example.test ", "frank")]
    [InlineData("frank", "frank")]
    [InlineData(" frank ", "frank")]
    [InlineData("nobody@example.test", "nobody@example.test")]
    public async Task A_login_by_username_or_email_resolves_to_the_username(string typed, string expected)
    {
        await using var services = await TestServices.CreateAsync();
        await using var scope = services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.True((await users.CreateAsync(new ApplicationUser { UserName = "frank", Email = "frank@example.test" }, "Blue-kettle-94-river")).Succeeded);

        Assert.Equal(expected, await LoginNameResolver.ResolveUserNameAsync(users, typed));
    }
}
