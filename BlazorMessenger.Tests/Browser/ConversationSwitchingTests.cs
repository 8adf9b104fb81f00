using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(SecondBrowserCollection.Name)]
public sealed class ConversationSwitchingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clicking_quickly_between_conversations_leaves_a_working_chat()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;

        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        var errorsBefore = browser.App.Errors.All.Count;

        try
        {
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
        catch (Exception ex) when (ex is PlaywrightException or Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException(
                $"The page logged: {string.Join(" | ", consoleErrors)}; the server logged: " +
                string.Join(" | ", browser.App.Errors.All.Skip(errorsBefore)), ex);
        }
    }
}
