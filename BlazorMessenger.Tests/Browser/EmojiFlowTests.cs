using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class EmojiFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_emoji_from_the_picker_goes_in_at_the_caret_and_an_emoji_only_message_is_shown_larger()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;
        var box = page.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true });

        await box.FillAsync("Good job!");
        await box.PressAsync("Home");
        await box.PressAsync("ArrowRight");
        await box.PressAsync("ArrowRight");
        await box.PressAsync("ArrowRight");
        await box.PressAsync("ArrowRight");
        await page.GetByRole(AriaRole.Button, new() { Name = "Emoji", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search emoji" }).FillAsync("thumbs up");
        await page.GetByRole(AriaRole.Button, new() { Name = "thumbs up yes" }).ClickAsync();

        await Expect(box).ToHaveValueAsync("Good👍 job!");
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Log).Locator(".bm-body")).ToHaveTextAsync("Good👍 job!");

        await page.GetByRole(AriaRole.Textbox, new() { Name = "Search emoji" }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Recently used" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "thumbs up yes" }).ClickAsync();
        await Expect(box).ToHaveValueAsync("👍");
        await box.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Log).Locator(".bm-msg").Last).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("bm-jumbo"));
    }

    [Fact]
    public async Task Emoji_in_the_picker_and_in_messages_are_drawn_with_the_apps_own_colour_font()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;
        var fontResponses = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith("/lib/emoji/twemoji.woff2", StringComparison.Ordinal))
            {
                fontResponses.Add(response.Status);
            }
        };

        await page.TypeAndSendAsync("see you at 10 🙂");
        await page.WaitForFunctionAsync(
            "() => [...document.fonts].some(f => f.family.replaceAll('\"', '') === 'BM Text Emoji' && f.status === 'loaded')");
        await page.GetByRole(AriaRole.Button, new() { Name = "Emoji", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync(
            "() => [...document.fonts].some(f => f.family.replaceAll('\"', '') === 'Twemoji' && f.status === 'loaded')");

        Assert.Equal([200], fontResponses.Distinct());
        var family = await page.GetByRole(AriaRole.Group).Locator(".bm-emoji-item").First
            .EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
        Assert.StartsWith("Twemoji", family.Replace("\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
