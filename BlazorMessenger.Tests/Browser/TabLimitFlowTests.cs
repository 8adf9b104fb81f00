using BlazorMessenger.Features.Tabs;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class TabLimitFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_tab_over_the_limit_says_so_instead_of_the_app_and_opens_once_another_tab_is_closed()
    {
        await using var app = new MessengerAppFactory(new Dictionary<string, string> { ["Messenger:Circuits:MaxPerUser"] = "2" });
        var userName = BrowserPeople.NewUserName("tabs");
        var userId = await app.CreateUserAsync(userName);
        var counter = app.Services.GetRequiredService<TabCounter>();
        await using var context = await browser.Browser.NewContextAsync(Screen.Desktop.ContextOptions(app.BaseUrl));
        context.SetDefaultTimeout(BrowserFixture.ActionTimeoutMs);
        await using var session = new BrowserSession(context, await context.NewPageAsync(), app.BaseUrl);
        await session.LogInAsync(userName, BrowserPeople.Password);
        await session.ExpectInAppAsAsync(userName);
        var second = await session.OpenTabAsync("/");

        var third = await context.NewPageAsync();
        await third.GotoAsync("/");

        var message = third.GetByRole(AriaRole.Heading, new() { Name = "You have 2 tabs open" });
        await Expect(message).ToBeVisibleAsync();
        await Expect(third.GetByText("Close one of them and reload this page.")).ToBeVisibleAsync();
        await Expect(third.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" })).ToHaveCountAsync(0);
        Assert.Equal(2, counter.OpenFor(userId));

        await second.CloseAsync();
        await Eventually.TrueAsync(() => counter.OpenFor(userId) == 1, "The closed tab's release");
        await third.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();

        await BrowserSession.WaitForInteractiveAsync(third);
        await Expect(third.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" })).ToBeVisibleAsync();
        await Expect(message).ToHaveCountAsync(0);
        Assert.Equal(2, counter.OpenFor(userId));
    }
}
