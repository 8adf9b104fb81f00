using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ConversationSwitchingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clicking_quickly_between_conversations_leaves_a_working_chat()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;

        // Each click disposes the open chat while the previous one is still starting its scripts.
        await page.EvaluateAsync(@"async ([a, b]) => {
            for (let i = 0; i < 60; i++) {
                document.querySelector(`a[data-username=""${i % 2 ? a : b}""]`).click();
                await new Promise(r => setTimeout(r, (i * 7) % 45));
            }
        }", new[] { bob, carol });
        await page.Locator($"a[data-username=\"{bob}\"]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/chat/{bob}$"));
        await page.Locator(".bm-composer-area[data-ready]").WaitForAsync();
        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });
        await box.FillAsync("still working");
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Log, new() { Name = "Messages" })).ToContainTextAsync("still working");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }
}
