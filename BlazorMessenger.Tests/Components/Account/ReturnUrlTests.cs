using System.Net;
using BlazorMessenger.Components.Account;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Components.Account;

public sealed class ReturnUrlTests : IAsyncLifetime
{
    private const string Base = "http://localhost:5000/";
    private readonly MessengerAppFactory _app = new();

    public static TheoryData<string> Hostile => ["//evil.example", "https://evil.example/x", "/\\evil.example", "\\\\evil.example",
        "javascript:alert(1)", "%", "http:evil.example", "/%0d%0aSet-Cookie:x=1", "\t//evil.example"];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_foreign_or_malformed_return_url_becomes_the_home_page(string url)
    {
        Assert.Equal("", LocalUrl.Relative(url, Base));
        Assert.Equal("/", LocalUrl.Rooted(url, Base));
    }

    [Theory]
    [InlineData("/chat/5", "chat/5")]
    [InlineData("chat/5?q=a%20b", "chat/5?q=a%20b")]
    [InlineData("http://localhost:5000/settings", "settings")]
    [InlineData("HTTP://LOCALHOST:5000/settings", "settings")]
    [InlineData(null, "")]
    public void A_path_on_this_site_survives(string? url, string expected) => Assert.Equal(expected, LocalUrl.Relative(url, Base));

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Logging_in_register_and_log_out_with_a_hostile_return_url_go_home(string url)
    {
        var userName = BrowserPeople.NewUserName("ret");
        using var client = new FormClient(_app.BaseUrl);
        var returnUrl = Uri.EscapeDataString(url);

        using var registered = await client.SubmitAsync($"/Account/Register?ReturnUrl={returnUrl}", "register", new Dictionary<string, string>
        {
            ["Input.Username"] = userName,
            ["Input.Password"] = BrowserPeople.Password,
            ["Input.ConfirmPassword"] = BrowserPeople.Password,
        });
        AssertWentHome(registered);

        using var loggedIn = await client.SubmitAsync($"/Account/Login?ReturnUrl={returnUrl}", "login",
            new Dictionary<string, string> { ["Input.Login"] = userName, ["Input.Password"] = BrowserPeople.Password });
        AssertWentHome(loggedIn);

        var token = FormClient.TokenIn(await client.GetHtmlAsync("/Account/Manage"));
        using var loggedOut = await client.PostAsync("/Account/Logout", token, [new("returnUrl", url)]);
        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal("/", loggedOut.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/Account/LoginWith2fa")]
    [InlineData("/Account/LoginWithRecoveryCode")]
    public async Task The_two_factor_login_pages_visited_directly_send_to_the_login_page(string path)
    {
        using var client = new FormClient(_app.BaseUrl);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Login", response.Headers.Location?.ToString());
    }

    [Theory]
    [InlineData("/Account/Manage/GenerateRecoveryCodes")]
    [InlineData("/Account/Manage/Disable2fa")]
    public async Task Two_factor_settings_pages_without_two_factor_explain_instead_of_failing(string path)
    {
        var userName = BrowserPeople.NewUserName("tfa");
        await _app.CreateUserAsync(userName);
        using var client = new FormClient(_app.BaseUrl);
        await client.LogInAsync(userName, BrowserPeople.Password);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Manage/TwoFactorAuthentication", response.Headers.Location?.ToString());
        Assert.Contains("authenticator", await client.GetHtmlAsync("/Account/Manage/TwoFactorAuthentication"), StringComparison.OrdinalIgnoreCase);
    }

    private void AssertWentHome(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
