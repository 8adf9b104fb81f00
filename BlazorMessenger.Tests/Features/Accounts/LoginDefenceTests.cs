using System.Net;
using BlazorMessenger.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Accounts;

/// <summary>Guessing passwords over HTTP, from several client addresses (as a proxy would report them).</summary>
public sealed class LoginDefenceTests : IAsyncLifetime
{
    private readonly MessengerAppFactory _app = new(new Dictionary<string, string>
    {
        ["Messenger:Accounts:FailuresPerAddress"] = "5",
        ["Messenger:Accounts:FailuresBeforeLockout"] = "12",
    });

    [Fact]
    public async Task Five_failures_from_one_address_make_it_wait_while_the_owner_elsewhere_still_gets_in()
    {
        var victim = BrowserPeople.NewUserName("victim");
        await _app.CreateUserAsync(victim);
        using var attacker = new FormClient(_app.BaseUrl, "203.0.113.7");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.Equal("invalid", await TryAsync(attacker, victim, "Wrong-passw0rd-guess"));
        }

        Assert.Equal("locked", await TryAsync(attacker, victim, "Wrong-passw0rd-guess"));
        Assert.Equal("locked", await TryAsync(attacker, victim, BrowserPeople.Password));
        using var owner = new FormClient(_app.BaseUrl, "198.51.100.20");
        Assert.Equal("in", await TryAsync(owner, victim, BrowserPeople.Password));
    }

    [Fact]
    public async Task A_name_with_no_account_answers_exactly_like_a_real_one()
    {
        var real = BrowserPeople.NewUserName("real");
        await _app.CreateUserAsync(real);
        using var client = new FormClient(_app.BaseUrl, "203.0.113.8");

        var answersForReal = new List<string>();
        var answersForNobody = new List<string>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            answersForReal.Add(await TryAsync(client, real, "Wrong-passw0rd-guess"));
            answersForNobody.Add(await TryAsync(client, "nobody_" + real, "Wrong-passw0rd-guess"));
        }

        Assert.Equal(["invalid", "invalid", "invalid", "invalid", "invalid", "locked"], answersForReal);
        Assert.Equal(answersForReal, answersForNobody);
    }

    [Fact]
    public async Task Only_many_failures_from_many_addresses_lock_the_account_itself()
    {
        var victim = BrowserPeople.NewUserName("target");
        await _app.CreateUserAsync(victim);

        var answers = new List<string>();
        for (var failure = 0; failure < 12; failure++)
        {
            using var bot = new FormClient(_app.BaseUrl, $"192.0.2.{failure / 4 + 1}");
            answers.Add(await TryAsync(bot, victim, "Wrong-passw0rd-guess"));
        }

        Assert.Equal([.. Enumerable.Repeat("invalid", 11), "locked"], answers);

        using var owner = new FormClient(_app.BaseUrl, "198.51.100.21");
        Assert.Equal("locked", await TryAsync(owner, victim, BrowserPeople.Password));
    }

    [Fact]
    public async Task Wrong_two_factor_codes_make_the_address_wait_like_wrong_passwords()
    {
        var victim = BrowserPeople.NewUserName("tfa");
        var id = await _app.CreateUserAsync(victim);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }

        using var attacker = new FormClient(_app.BaseUrl, "203.0.113.9");
        using (var password = await attacker.SubmitAsync("/Account/Login", "login",
                   new Dictionary<string, string> { ["Input.Login"] = victim, ["Input.Password"] = BrowserPeople.Password }))
        {
            Assert.Contains("/Account/LoginWith2fa", password.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var answers = new List<string>();
        for (var attempt = 1; attempt <= 6; attempt++)
        {
            using var response = await attacker.SubmitAsync("/Account/LoginWith2fa", "login-with-2fa",
                new Dictionary<string, string> { ["Input.TwoFactorCode"] = "000000" });
            answers.Add(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/Lockout", StringComparison.Ordinal)
                ? "locked" : "invalid");
        }

        Assert.Equal(["invalid", "invalid", "invalid", "invalid", "invalid", "locked"], answers);
    }

    /// <summary>"in", "locked" (the lockout page) or "invalid" (the login page again, with its error).</summary>
    private static async Task<string> TryAsync(FormClient client, string userName, string password)
    {
        using var response = await client.SubmitAsync("/Account/Login", "login",
            new Dictionary<string, string> { ["Input.Login"] = userName, ["Input.Password"] = password });
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return response.Headers.Location!.ToString().Contains("/Account/Lockout", StringComparison.Ordinal) ? "locked" : "in";
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Error: Invalid login attempt.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return "invalid";
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
