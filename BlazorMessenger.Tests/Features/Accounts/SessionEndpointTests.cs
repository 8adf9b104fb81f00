using System.Net;
using System.Text.RegularExpressions;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Accounts;

/// <summary>Sessions seen from outside: cookies that stop working, over HTTP.</summary>
public sealed partial class SessionEndpointTests : IAsyncLifetime
{
    private readonly MessengerAppFactory _app = new();

    [Fact]
    public async Task A_copied_cookie_stops_working_when_its_session_logs_out()
    {
        var (owner, _) = await SignedInAsync();
        using var thief = owner.WithCopiedCookies();
        Assert.True(await thief.IsSignedInAsync());

        var token = FormClient.TokenIn(await owner.GetHtmlAsync("/Account/Manage"));
        using var _ = await owner.PostAsync("/Account/Logout", token, [new("returnUrl", "/")]);

        Assert.False(await thief.IsSignedInAsync());
        Assert.False(await owner.IsSignedInAsync());
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        var (here, userName) = await SignedInAsync();
        using var elsewhere = new FormClient(_app.BaseUrl, "198.51.100.60");
        await elsewhere.LogInAsync(userName, BrowserPeople.Password);

        using var changed = await here.SubmitAsync("/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = BrowserPeople.Password,
            ["Input.NewPassword"] = "Another-kettle-77-lake",
            ["Input.ConfirmPassword"] = "Another-kettle-77-lake",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.True(await here.IsSignedInAsync());
        Assert.False(await elsewhere.IsSignedInAsync());
    }

    [Fact]
    public async Task The_sessions_page_lists_each_browser_and_logs_out_one_of_them_or_all()
    {
        var (here, userName) = await SignedInAsync();
        using var phone = new FormClient(_app.BaseUrl, "8.8.8.8");
        await phone.LogInAsync(userName, BrowserPeople.Password);
        using var laptop = new FormClient(_app.BaseUrl, "192.168.1.20");
        await laptop.LogInAsync(userName, BrowserPeople.Password);

        var page = await here.GetHtmlAsync("/Account/Manage/Sessions");
        var places = PlaceText().Matches(page).Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(["Local network (192.168.1.20)", "United States (8.8.8.8)", "This computer (127.0.0.1)"], places);
        Assert.Single(CurrentMark().Matches(page));

        var phoneSession = EndButtons().Matches(page).Select(m => m.Groups[1].Value).ElementAt(1);
        using var ended = await here.PostAsync("/Account/Manage/Sessions", FormClient.TokenIn(page),
            [new("_handler", "end-session"), new("EndId", phoneSession)]);
        Assert.False(await phone.IsSignedInAsync());
        Assert.True(await laptop.IsSignedInAsync());
        Assert.True(await here.IsSignedInAsync());

        page = await here.GetHtmlAsync("/Account/Manage/Sessions");
        using var all = await here.PostAsync("/Account/Manage/Sessions", FormClient.TokenIn(page), [new("_handler", "end-all")]);
        Assert.StartsWith("/Account/Login", all.Headers.Location?.OriginalString);
        Assert.False(await laptop.IsSignedInAsync());
        Assert.False(await here.IsSignedInAsync());
    }

    private async Task<(FormClient Client, string UserName)> SignedInAsync()
    {
        var userName = BrowserPeople.NewUserName("sess");
        await _app.CreateUserAsync(userName);
        var client = new FormClient(_app.BaseUrl);
        await client.LogInAsync(userName, BrowserPeople.Password);
        return (client, userName);
    }

    [GeneratedRegex("""<div class="bm-help">\s*([^·]+)·""")]
    private static partial Regex PlaceText();

    [GeneratedRegex("""bm-session-current""")]
    private static partial Regex CurrentMark();

    [GeneratedRegex("name=\"EndId\" value=\"([^\"]+)\"")]
    private static partial Regex EndButtons();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
