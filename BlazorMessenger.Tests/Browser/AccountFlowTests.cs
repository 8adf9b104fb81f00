using System.Text.RegularExpressions;
using BlazorMessenger.Data;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public sealed class AccountFlowTests(BrowserFixture browser)
{
    private const string Password = BrowserPeople.Password;

    [Fact]
    public async Task Register_lands_in_the_app_then_log_out_and_log_in_again()
    {
        var (userName, _) = NewUser();
        await using var session = await browser.ReusedSessionAsync();

        await session.RegisterAsync(userName, Password);
        await session.ExpectInAppAsAsync(userName);
        await session.LogOutAsync(userName);

        await session.SubmitLoginAsync(userName, Password);
        await session.ExpectInAppAsAsync(userName);
    }

    [Fact]
    public async Task An_account_with_an_email_logs_in_with_it_too()
    {
        var (userName, email) = NewUser();
        await CreateUserAsync(userName, email);
        await using var session = await browser.ReusedSessionAsync();

        await session.LogInAsync(email, Password);

        await session.ExpectInAppAsAsync(userName);
    }

    [Fact]
    public async Task On_an_address_that_is_no_domain_name_the_login_page_keeps_quiet_about_passkeys_until_asked()
    {
        await using var session = await browser.ReusedSessionAsync();
        var page = session.Page;
        var errors = new List<string>();
        var passkeyRequests = 0;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        page.Request += (_, request) => passkeyRequests += request.Url.Contains("/Account/Passkey", StringComparison.Ordinal) ? 1 : 0;

        await page.GotoAsync("/Account/Login", new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.StartsWith("http://127.0.0.1:", page.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
        Assert.Equal(0, passkeyRequests);

        await page.GetByRole(AriaRole.Button, new() { Name = "Log in with a passkey" }).ClickAsync();
        await Expect(page.GetByText("Passkeys work only on a secure (HTTPS) address with a domain name")).ToBeVisibleAsync();
        Assert.Equal(0, passkeyRequests);
    }

    [Fact]
    public async Task Registration_with_a_taken_username_in_other_case_is_refused_with_a_clear_message()
    {
        var (userName, email) = NewUser();
        await CreateUserAsync(userName, email);
        await using var session = await browser.ReusedSessionAsync();

        await session.RegisterAsync(userName.ToUpperInvariant(), Password);

        await Expect(session.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync($"Username '{userName}' is already taken.");
        await Expect(session.Page).ToHaveURLAsync(new Regex("/Account/Register"));
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_answer_as_a_wrong_password()
    {
        var (userName, email) = NewUser();
        await CreateUserAsync(userName, email);
        await using var session = await browser.ReusedSessionAsync();
        var alert = session.Page.GetByRole(AriaRole.Alert);

        await session.LogInAsync(userName, "Wrong-passw0rd");
        var wrongPassword = await alert.TextContentAsync();
        await session.LogInAsync("nobody_" + userName, "Wrong-passw0rd");
        var unknownUser = await alert.TextContentAsync();
        await session.LogInAsync("nobody@" + email, "Wrong-passw0rd");
        var unknownEmail = await alert.TextContentAsync();

        Assert.Equal("Error: Invalid login attempt.", wrongPassword?.Trim());
        Assert.Equal(wrongPassword, unknownUser);
        Assert.Equal(wrongPassword, unknownEmail);
    }

    [Fact]
    public async Task An_anonymous_visit_to_an_app_page_ends_on_the_login_page()
    {
        await using var session = await browser.ReusedSessionAsync();

        await session.Page.GotoAsync("/");

        await session.ExpectOnLoginPageAsync();
        Assert.Contains("ReturnUrl=%2F", session.Page.Url);
    }

    private static (string UserName, string Email) NewUser()
    {
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        return (userName, $"{userName}@example.test");
    }

    private Task CreateUserAsync(string userName, string email) => browser.App.CreateUserAsync(userName, email);
}
