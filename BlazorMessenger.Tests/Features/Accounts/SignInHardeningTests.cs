using System.Net;
using System.Text.Json;
using BlazorMessenger.Data;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace BlazorMessenger.Tests.Features.Accounts;

/// <summary>Over HTTP, as a browser or an attacker would: one-time codes, passkey options, reserved admin names.</summary>
public sealed class SignInHardeningTests : IAsyncLifetime
{
    private const string ReservedAdmin = "chiefadmin";

    private readonly MessengerAppFactory _app = new(new Dictionary<string, string> { ["Messenger:Admins:0"] = ReservedAdmin });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_authenticator_code_signs_in_once_and_the_next_code_still_works()
    {
        var userName = BrowserPeople.NewUserName("totp");
        var key = await EnableAuthenticatorAsync(await _app.CreateUserAsync(userName));
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var code = totp.ComputeTotp(DateTime.UtcNow);

        Assert.Equal("in", await SignInWithCodeAsync(userName, code, "198.51.100.31"));
        Assert.Equal("refused", await SignInWithCodeAsync(userName, code, "198.51.100.32"));
        Assert.Equal("in", await SignInWithCodeAsync(userName, totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)), "198.51.100.33"));
        Assert.Equal("refused", await SignInWithCodeAsync(userName, code, "198.51.100.34"));
    }

    [Fact]
    public async Task Passkey_options_are_the_same_for_any_name_and_list_no_credentials()
    {
        var userName = BrowserPeople.NewUserName("pk");
        var id = await _app.CreateUserAsync(userName);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var added = await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(id))!, new UserPasskeyInfo(
                [1, 2, 3, 4, 5, 6, 7, 8], [9, 9, 9], DateTimeOffset.UtcNow, 0, ["internal"], true, false, false, [1], [2]));
            Assert.True(added.Succeeded);
        }

        using var client = new FormClient(_app.BaseUrl);
        var token = FormClient.TokenIn(await client.GetHtmlAsync("/Account/Login"));

        var forUser = await OptionsAsync(client, token, $"?username={userName}");
        var forNobody = await OptionsAsync(client, token, "?username=nobody_here");
        var anonymous = await OptionsAsync(client, token, "");

        Assert.Equal(0, forUser.GetProperty("allowCredentials").GetArrayLength());
        Assert.Equal(Shape(forUser), Shape(forNobody));
        Assert.Equal(Shape(forUser), Shape(anonymous));
    }

    [Fact]
    public async Task A_name_listed_as_admin_cannot_be_registered_and_reads_as_taken()
    {
        using var client = new FormClient(_app.BaseUrl, "198.51.100.40");
        using var response = await client.SubmitAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Username"] = "ChiefAdmin",
            ["Input.Password"] = BrowserPeople.Password,
            ["Input.ConfirmPassword"] = BrowserPeople.Password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is already taken", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct)));
        await using var scope = _app.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByNameAsync(ReservedAdmin));
    }

    private async Task<string> EnableAuthenticatorAsync(string userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(userId))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>"in" (sent on into the app) or "refused" (the code page again).</summary>
    private async Task<string> SignInWithCodeAsync(string userName, string code, string address)
    {
        using var client = new FormClient(_app.BaseUrl, address);
        using (var password = await client.SubmitAsync("/Account/Login", "login",
                   new Dictionary<string, string> { ["Input.Login"] = userName, ["Input.Password"] = BrowserPeople.Password }))
        {
            Assert.Contains("/Account/LoginWith2fa", password.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        using var response = await client.SubmitAsync("/Account/LoginWith2fa", "login-with-2fa",
            new Dictionary<string, string> { ["Input.TwoFactorCode"] = code });
        return response.StatusCode == HttpStatusCode.Redirect && await client.IsSignedInAsync() ? "in" : "refused";
    }

    private static async Task<JsonElement> OptionsAsync(FormClient client, string token, string query)
    {
        using var response = await client.PostAsync("/Account/PasskeyRequestOptions" + query, token, []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    /// <summary>Everything but the fresh challenge.</summary>
    private static string Shape(JsonElement options) =>
        string.Join(",", options.EnumerateObject().Where(p => p.Name != "challenge").Select(p => $"{p.Name}={p.Value.GetRawText()}"));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
