using BlazorMessenger.Features.Admin;
using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Hosting;

[BothDatabases]
public sealed class DemoUserSeederTests
{
    [Fact]
    public async Task Creates_alice_and_bob_once_and_prints_each_password_once()
    {
        await using var services = await TestServices.CreateAsync();
        await using var scope = services.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var console = new StringWriter();
        var seeder = new DemoUserSeeder(users, services.Get<AdminService>(), console);
        var ct = TestContext.Current.CancellationToken;

        var first = await seeder.SeedAsync(ct);
        var printedFirst = console.ToString();
        var second = await seeder.SeedAsync(ct);

        Assert.Equal(["alice", "bob"], first);
        Assert.Empty(second);
        Assert.Equal(printedFirst, console.ToString());
        foreach (var name in first)
        {
            var line = printedFirst.Split('\n').Single(l => l.Contains($" {name} / "));
            var password = line.Split(" / ")[1].Trim();
            var user = await users.FindByNameAsync(name);
            Assert.NotNull(user);
            Assert.True(await users.CheckPasswordAsync(user, password), $"The printed password for {name} does not work.");
        }

        // The first account of a fresh install runs it.
        Assert.True(await services.Get<AdminService>().IsAdminAsync((await users.FindByNameAsync("alice"))!.Id, ct));
        Assert.False(await services.Get<AdminService>().IsAdminAsync((await users.FindByNameAsync("bob"))!.Id, ct));
    }

    [Fact]
    public async Task Each_install_gets_its_own_demo_passwords()
    {
        var printed = new List<string>();
        for (var install = 0; install < 2; install++)
        {
            await using var services = await TestServices.CreateAsync();
            await using var scope = services.Provider.CreateAsyncScope();
            var console = new StringWriter();
            await new DemoUserSeeder(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), services.Get<AdminService>(), console)
                .SeedAsync(TestContext.Current.CancellationToken);
            printed.Add(console.ToString());
        }

        Assert.NotEqual(printed[0], printed[1]);
    }
}
