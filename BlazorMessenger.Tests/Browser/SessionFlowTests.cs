using System.Text.RegularExpressions;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public sealed class SessionFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Logging_out_in_one_tab_sends_that_browsers_other_tabs_to_the_login_page_and_leaves_other_browsers_alone()
    {
        var userName = BrowserPeople.NewUserName("tabs");
        await browser.CreateAsync(userName);
        await using var laptop = await browser.LoggedInAsync(userName);
        var secondTab = await laptop.OpenTabAsync("/settings");
        await using var phone = await browser.LoggedInAsync(userName);

        await laptop.LogOutAsync(userName);

        await Expect(secondTab).ToHaveURLAsync(new Regex("/Account/Login"));
        await phone.Page.ReloadAsync();
        await phone.ExpectInAppAsAsync(userName);
    }

    [Fact]
    public async Task Log_out_everywhere_sends_every_open_tab_to_the_login_page()
    {
        var userName = BrowserPeople.NewUserName("everywhere");
        await browser.CreateAsync(userName);
        await using var phone = await browser.LoggedInAsync(userName);
        await using var laptop = await browser.LoggedInAsync(userName);
        await laptop.Page.GotoAsync("/Account/Manage/Sessions");
        var sessions = laptop.Page.GetByRole(AriaRole.List, new() { Name = "Sessions" }).GetByRole(AriaRole.Listitem);
        await Expect(sessions).ToHaveCountAsync(2);
        await Expect(sessions.Filter(new() { HasText = "This browser" })).ToHaveCountAsync(1);

        await laptop.Page.GetByRole(AriaRole.Button, new() { Name = "Log out everywhere" }).ClickAsync();

        await laptop.ExpectOnLoginPageAsync();
        await Expect(phone.Page).ToHaveURLAsync(new Regex("/Account/Login"));
        await phone.Page.GotoAsync("/");
        await phone.ExpectOnLoginPageAsync();
    }
}
