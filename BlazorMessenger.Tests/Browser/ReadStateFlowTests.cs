using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>Only a connected, visible tab scrolled to the newest message marks anything read.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadStateFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Messages_arriving_at_a_tab_whose_connection_died_stay_unread_for_the_next_login()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var bobsLostTab = await browser.LoggedInAsync(bob, $"/chat/{alice}", proxy.BaseUrl);
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");

        proxy.Cut();
        await aliceSession.Page.TypeAndSendAsync("while your lid was closed");
        await aliceSession.Page.TypeAndSendAsync("still there?");
        await Expect(aliceSession.Page.StoredBodies()).ToHaveCountAsync(2);

        await using var bobAgain = await browser.LoggedInAsync(bob);
        var entry = bobAgain.Page.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice });
        await Expect(entry.GetByLabel("2 unread")).ToBeVisibleAsync();
        await Expect(bobAgain.Page).ToHaveTitleAsync("(2) BlazorMessenger");
    }

    [Fact]
    public async Task A_hidden_tab_leaves_new_messages_unread_until_it_is_looked_at_again()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = bobSession.Page;

        await SetVisibilityAsync(page, "hidden");
        await aliceSession.Page.TypeAndSendAsync("did you see this?");
        await Expect(page.StoredBodies()).ToHaveTextAsync(["did you see this?"]);
        await Expect(page).ToHaveTitleAsync("(1) BlazorMessenger");

        await SetVisibilityAsync(page, "visible");

        await Expect(page).ToHaveTitleAsync("BlazorMessenger");
    }

    [Fact]
    public async Task A_reader_scrolled_up_in_the_history_leaves_new_messages_unread_until_they_reach_the_bottom()
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        await browser.SeedAsync(await browser.ConversationIdAsync(aliceId, bob), aliceId, 60);
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = bobSession.Page;

        await page.MessageLog().EvaluateAsync("e => e.scrollTop = e.scrollHeight / 3");
        await aliceSession.Page.TypeAndSendAsync("new while you read old ones");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "1 new message" })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("(1) BlazorMessenger");

        await page.GetByRole(AriaRole.Button, new() { Name = "1 new message" }).ClickAsync();

        await Expect(page).ToHaveTitleAsync("BlazorMessenger");
    }

    [Fact]
    public async Task Opening_a_conversation_with_unread_messages_starts_at_a_new_messages_divider()
    {
        var (alice, bob) = await browser.PairAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var conversationId = await browser.ConversationIdAsync(aliceId, bob);
        await browser.SeedAsync(conversationId, aliceId, 80, unread: true);

        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var log = bobSession.Page.MessageLog();

        var divider = log.GetByRole(AriaRole.Separator, new() { Name = "New messages" });
        await Expect(divider).ToBeInViewportAsync();
        await Expect(log.Locator("[data-unread-divider] + .bm-msg")).ToContainTextAsync("message 1");
        await Expect(bobSession.Page).ToHaveTitleAsync("(80) BlazorMessenger");
    }

    /// <summary>Headless pages are always visible; this is what the browser reports when a tab goes to the background.</summary>
    private static Task SetVisibilityAsync(IPage page, string state) => page.EvaluateAsync(
        "state => { Object.defineProperty(document, 'visibilityState', { value: state, configurable: true }); document.dispatchEvent(new Event('visibilitychange')); }",
        state);
}
