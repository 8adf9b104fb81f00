using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>How the log loads its pages when the screen, the buttons or the network are not the usual ones.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LogPagingFlowTests(BrowserFixture browser)
{
    /// <summary>Tall enough for the whole window (100 messages): nothing loads by scrolling, only by the buttons.</summary>
    private static readonly Screen Tall = new("tall", 1440, 6000, Touch: false);

    [Fact]
    public async Task On_a_screen_about_a_page_tall_a_page_at_one_end_does_not_set_off_one_at_the_other()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 300);
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = session.Page;
        var log = page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        var bubbles = log.Locator(".bm-msg");
        await Expect(bubbles).ToHaveCountAsync(50);
        await Expect(log).ToHaveAttributeAsync("data-ready", "true");

        // The log a little shorter than a page (the page above loads as the view grows to its top): once the window is
        // full, a page at the top lets go of the newest and leaves the reader near the bottom as well.
        var pageHeight = await log.EvaluateAsync<double>("e => e.scrollHeight");
        var logHeight = await log.EvaluateAsync<double>("e => e.clientHeight");
        var viewport = page.ViewportSize!;
        await page.SetViewportSizeAsync(viewport.Width, viewport.Height + (int)(pageHeight - 150 - logHeight));
        await Expect(bubbles).ToHaveCountAsync(100);
        await log.EvaluateAsync("e => e.scrollTop = 0");

        await Expect(bubbles.First).ToHaveAttributeAsync("data-seq", "151");
        await Expect(log).Not.ToHaveAttributeAsync("data-loading", new System.Text.RegularExpressions.Regex("."));
        Assert.True(await log.EvaluateAsync<bool>("e => e.scrollHeight - e.scrollTop - e.clientHeight <= 200"),
            "the reader should be near the bottom as well, or this screen does not test the back and forth");
        // Two frames on, the log has looked again at both ends: nothing loads until the reader moves.
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        Assert.Null(await log.GetAttributeAsync("data-loading"));
        Assert.Equal("151", await bubbles.First.GetAttributeAsync("data-seq"));

        // The reader turns down: the newest load again.
        await log.HoverAsync();
        await page.Mouse.WheelAsync(0, 400);
        await Expect(bubbles.Last).ToHaveAttributeAsync("data-seq", "300");
    }

    [Fact]
    public async Task The_buttons_at_either_end_load_a_page_when_the_window_fits_the_screen()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 160);
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}", screen: Tall);
        var log = session.Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        var bubbles = log.Locator(".bm-msg");
        await Expect(log).ToHaveAttributeAsync("data-ready", "true");
        await Expect(bubbles).ToHaveCountAsync(50);

        var older = log.GetByRole(AriaRole.Button, new() { Name = "Load older messages" });
        await older.ClickAsync();
        await Expect(bubbles.First).ToHaveAttributeAsync("data-seq", "61");
        await Expect(log).Not.ToHaveAttributeAsync("data-loading", new System.Text.RegularExpressions.Regex("."));
        await older.ClickAsync();
        await Expect(bubbles.First).ToHaveAttributeAsync("data-seq", "11");
        await Expect(bubbles.Last).ToHaveAttributeAsync("data-seq", "110");

        await Expect(log).Not.ToHaveAttributeAsync("data-loading", new System.Text.RegularExpressions.Regex("."));
        await log.GetByRole(AriaRole.Button, new() { Name = "Load newer messages" }).ClickAsync();
        await Expect(bubbles.Last).ToHaveAttributeAsync("data-seq", "160");
        await Expect(bubbles).ToHaveCountAsync(100);
    }

    [Fact]
    public async Task A_page_asked_for_as_the_network_drops_is_asked_for_again_once_it_is_back()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 160);
        await using var proxy = browser.NewProxy();
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}", proxy.BaseUrl);
        var page = session.Page;
        var log = page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        var bubbles = log.Locator(".bm-msg");
        await Expect(log).ToHaveAttributeAsync("data-ready", "true");
        await Expect(bubbles).ToHaveCountAsync(50);

        proxy.Stall();
        await log.EvaluateAsync("e => e.scrollTop = 0");
        await Expect(log).ToHaveAttributeAsync("data-loading", "older");
        var connecting = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connecting…" });
        await Expect(connecting).ToBeVisibleAsync(new() { Timeout = 5_000 });
        proxy.Cut();
        proxy.Restore();

        await Expect(connecting).ToBeHiddenAsync(new() { Timeout = 20_000 });
        await Expect(bubbles.First).ToHaveAttributeAsync("data-seq", "61");
        await Expect(bubbles).ToHaveCountAsync(100);
    }
}
