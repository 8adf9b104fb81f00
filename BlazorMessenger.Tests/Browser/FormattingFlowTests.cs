using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(ThirdBrowserCollection.Name)]
public sealed class FormattingFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Bold_and_a_link_reach_the_other_person_formatted_and_html_stays_text()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var dialogs = 0;
        bobSession.Page.Dialog += (_, _) => dialogs++;

        await aliceSession.Page.MessageBox().FillAsync("**bold** and https://example.com/x and <b>not bold</b>");
        await aliceSession.Page.MessageBox().PressAsync("Enter");

        var body = bobSession.Page.StoredBodies();
        await Expect(body.Locator("strong")).ToHaveTextAsync("bold");
        var link = body.GetByRole(AriaRole.Link, new() { Name = "https://example.com/x" });
        await Expect(link).ToHaveAttributeAsync("href", "https://example.com/x");
        await Expect(link).ToHaveAttributeAsync("target", "_blank");
        await Expect(link).ToHaveAttributeAsync("rel", "noopener noreferrer nofollow ugc");
        await Expect(body).ToHaveTextAsync("bold and https://example.com/x and <b>not bold</b>");
        await Expect(body.Locator("b")).ToHaveCountAsync(0);
        var entry = bobSession.Page.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice });
        await Expect(entry).ToContainTextAsync("bold and https://example.com/x and <b>not bold</b>");
        await Expect(entry).Not.ToContainTextAsync("**");
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task A_long_unbroken_line_wraps_and_a_wide_code_block_scrolls_inside_the_bubble()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;

        await page.MessageBox().FillAsync("**long** " + new string('w', 1500) + "\n```\n" + new string('c', 600) + "\n```");
        await page.MessageBox().PressAsync("Enter");

        var bubble = page.MessageLog().Locator(".bm-msg[data-seq] .bm-bubble");
        await Expect(bubble.Locator("pre")).ToHaveCountAsync(1);
        var widths = await bubble.EvaluateAsync<double[]>(
            """
            b => {
                const pre = b.querySelector('pre');
                return [b.getBoundingClientRect().width, b.closest('[role=log]').getBoundingClientRect().width,
                        pre.scrollWidth - pre.clientWidth];
            }
            """);
        Assert.True(widths[0] <= widths[1] * 0.8 + 1, $"bubble {widths[0]}px in a log of {widths[1]}px");
        Assert.True(widths[2] > 0, "the code block does not scroll");
    }
}
