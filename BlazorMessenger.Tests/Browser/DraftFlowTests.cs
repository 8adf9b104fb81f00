using System.Text.RegularExpressions;
using BlazorMessenger.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DraftFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_half_written_message_survives_switching_conversations_and_a_reload_and_is_gone_once_sent()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;

        await page.MessageBox().PressSequentiallyAsync("half-written for bob");
        await page.Locator($"a[data-username=\"{carol}\"]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{carol}$"));
        await Expect(page.MessageBox()).ToHaveValueAsync("");
        await page.MessageBox().PressSequentiallyAsync("a note for carol");
        await page.Locator($"a[data-username=\"{bob}\"]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/chat/{bob}$"));
        await Expect(page.MessageBox()).ToHaveValueAsync("half-written for bob");

        await page.ReloadAsync();
        await Expect(page.MessageBox()).ToHaveValueAsync("half-written for bob");
        await session.WaitForInteractiveAsync();
        await Expect(page.MessageBox()).ToHaveValueAsync("half-written for bob");
        await page.MessageBox().PressAsync("Enter");
        await Expect(page.StoredBodies()).ToHaveTextAsync(["half-written for bob"]);

        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(page.MessageBox()).ToHaveValueAsync("");
        await page.Locator($"a[data-username=\"{carol}\"]").ClickAsync();
        await Expect(page.MessageBox()).ToHaveValueAsync("a note for carol");
    }
}
