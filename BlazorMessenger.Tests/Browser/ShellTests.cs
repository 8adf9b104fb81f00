using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public sealed class ShellTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_pages_load_nothing_from_another_host_and_break_no_content_security_rule()
    {
        await using var session = await browser.NewSessionAsync();
        var page = session.Page;
        var requests = new List<string>();
        var consoleErrors = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };

        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        await session.RegisterAsync(userName, BrowserPeople.Password);
        await session.ExpectInAppAsAsync(userName);

        Assert.NotEmpty(requests);
        Assert.All(requests, url => Assert.True(
            url.StartsWith(browser.BaseUrl + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"Request to another host: {url}"));
        Assert.Empty(consoleErrors);
    }

    [Fact]
    public async Task The_shell_has_the_product_name_an_empty_conversation_list_and_a_remembered_dark_mode()
    {
        await using var session = await browser.ReusedSessionAsync();
        var page = session.Page;
        var userName = "u" + Guid.NewGuid().ToString("N")[..10];
        await session.RegisterAsync(userName, BrowserPeople.Password);
        await session.ExpectInAppAsAsync(userName);

        await Expect(page.GetByText("BlazorMessenger", new() { Exact = true })).ToBeVisibleAsync();
        var conversations = page.GetByRole(AriaRole.Navigation, new() { Name = "Conversations" });
        await Expect(conversations).ToContainTextAsync("No conversations yet");

        var lightBackground = await BodyBackgroundAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        Assert.NotEqual(lightBackground, await BodyBackgroundAsync(page));
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
