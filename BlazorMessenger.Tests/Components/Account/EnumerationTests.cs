using System.Net;
using BlazorMessenger.Data;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Components.Account;

/// <summary>Nothing the account pages answer tells whether an email (or, when logging in, a name) has an account.</summary>
public sealed class EnumerationTests : IAsyncLifetime
{
    private readonly RecordingEmailSender _mail = new();
    private readonly MessengerAppFactory _app;

    public EnumerationTests() =>
        _app = new MessengerAppFactory(
            new Dictionary<string, string> { ["Messenger:RequireConfirmedAccount"] = "true" },
            services => services.AddSingleton<IEmailSender<ApplicationUser>>(_mail));

    [Fact]
    public async Task Registering_with_a_taken_email_answers_like_a_new_one_and_mails_its_owner_instead()
    {
        var owner = BrowserPeople.NewUserName("owner");
        await _app.CreateUserAsync(owner, $"{owner}@example.test");
        using var client = new FormClient(_app.BaseUrl);

        var (copycat, newbie) = (BrowserPeople.NewUserName("copycat"), BrowserPeople.NewUserName("newbie"));
        using var taken = await RegisterAsync(client, copycat, $"{owner}@example.test");
        using var fresh = await RegisterAsync(client, newbie, $"new-{owner}@example.test");

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        Assert.Equal([($"{owner}@example.test", "reset"), ($"new-{owner}@example.test", "confirm")],
            _mail.Sent.Select(m => (m.To, m.Kind)).ToList());

        // Afterwards both usernames are taken alike: the name can't tell which email was free.
        foreach (var name in new[] { copycat, newbie })
        {
            using var again = await RegisterAsync(client, name, $"third-{name}@example.test");
            Assert.Contains("is already taken", await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task A_taken_username_may_still_be_said_whatever_the_email()
    {
        var owner = BrowserPeople.NewUserName("handle");
        await _app.CreateUserAsync(owner, $"{owner}@example.test");
        using var client = new FormClient(_app.BaseUrl);

        using var response = await RegisterAsync(client, owner, $"{owner}@example.test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Username &#x27;{owner}&#x27; is already taken.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(_mail.Sent);
    }

    [Fact]
    public async Task The_registration_confirmation_page_is_the_same_for_every_address()
    {
        var owner = BrowserPeople.NewUserName("known");
        await _app.CreateUserAsync(owner, $"{owner}@example.test");
        using var client = new FormClient(_app.BaseUrl);

        var known = WithoutTokens(await client.GetHtmlAsync($"/Account/RegisterConfirmation?email={owner}%40example.test"));
        var unknown = WithoutTokens(await client.GetHtmlAsync("/Account/RegisterConfirmation?email=nobody%40example.test"));

        Assert.Equal(known, unknown);
        Assert.DoesNotContain("ConfirmEmail", known, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_reset_answers_alike_for_a_known_and_an_unknown_email_and_a_garbled_link_fails_gently()
    {
        var owner = BrowserPeople.NewUserName("resetter");
        await _app.CreateUserAsync(owner, $"{owner}@example.test");
        using var client = new FormClient(_app.BaseUrl);
        var code = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode("not-a-token"u8.ToArray());

        var answers = new List<string>();
        foreach (var email in new[] { $"{owner}@example.test", "nobody@example.test" })
        {
            using var response = await client.SubmitAsync($"/Account/ResetPassword?code={code}", "reset-password", new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = BrowserPeople.Password, ["Input.ConfirmPassword"] = BrowserPeople.Password,
            });
            answers.Add($"{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Contains("Invalid token.", StringComparison.Ordinal)}");
        }

        Assert.Equal(["200 True", "200 True"], answers);
        using var garbled = await client.GetAsync("/Account/ResetPassword?code=%25%25not-base64");
        Assert.EndsWith("/Account/InvalidPasswordReset", garbled.Headers.Location?.ToString());
        using var confirm = await client.GetAsync($"/Account/ConfirmEmail?userId={Guid.NewGuid()}&code=%25%25");
        Assert.NotEqual(HttpStatusCode.InternalServerError, confirm.StatusCode);
    }

    [Fact]
    public async Task A_login_for_an_unknown_name_or_email_costs_the_same_password_hash_as_a_wrong_password()
    {
        var hasher = new CountingHasher();
        await using var services = await TestServices.CreateAsync(
            configure: s => s.AddSingleton<IPasswordHasher<ApplicationUser>>(hasher));
        await services.CreateUserAsync("ivan");
        await using var scope = services.Provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext =
            new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();

        var counts = new List<int>();
        foreach (var name in new[] { "ivan", "nobody", "nobody@example.test" })
        {
            var before = hasher.Verifications;
            Assert.False((await signIn.PasswordSignInAsync(name, "Wrong-passw0rd-guess", false, true)).Succeeded);
            counts.Add(hasher.Verifications - before);
        }

        Assert.Equal([1, 1, 1], counts);
    }

    /// <summary>Antiforgery tokens and the encrypted component state differ on every page; nothing else may.</summary>
    private static string WithoutTokens(string html) => System.Text.RegularExpressions.Regex.Replace(
        html, "name=\"__RequestVerificationToken\" value=\"[^\"]+\"|<!--Blazor-Server-Component-State:[^-]+-->", "");

    private static Task<HttpResponseMessage> RegisterAsync(FormClient client, string userName, string email) =>
        client.SubmitAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Username"] = userName,
            ["Input.Email"] = email,
            ["Input.Password"] = BrowserPeople.Password,
            ["Input.ConfirmPassword"] = BrowserPeople.Password,
        });

    private sealed class CountingHasher : IPasswordHasher<ApplicationUser>
    {
        private readonly PasswordHasher<ApplicationUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
