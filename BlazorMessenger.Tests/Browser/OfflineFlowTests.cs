using System.Text.Json;
using System.Text.RegularExpressions;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>
/// While the network is down the app stays on screen: links in it never load a page (which would be the browser's error
/// page), a chat it has not loaded says it waits for the connection, and everything catches up when it is back.
/// </summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class OfflineFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clicking_another_chat_while_the_network_is_down_keeps_the_app_and_opens_the_chat_when_it_returns()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var proxy = browser.NewProxy();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        var page = session.Page;
        await page.TypeAndSendAsync("before the cut");
        await Expect(page.StoredBodies()).ToHaveTextAsync(["before the cut"]);

        proxy.Cut();
        await page.Context.SetOfflineAsync(true);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connecting…" })).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await page.EvaluateAsync("() => window.__sameDocument = true");
        await page.ConversationList().Locator($"[data-username='{carol}']").ClickAsync();

        var waiting = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "opens when the connection is back" });
        await Expect(waiting).ToBeVisibleAsync();
        await Expect(page.ConversationList().Locator($"[data-username='{bob}']")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "A click while offline loaded a page.");
        // The banner and the waiting panel pass axe like every other screen (AccessibilityTests).
        Assert.Empty(await AxeScan.ViolationsAsync(page));

        // Back to the chat that is loaded: it shows what it had.
        await page.ConversationList().Locator($"[data-username='{bob}']").ClickAsync();
        await Expect(waiting).ToBeHiddenAsync();
        await Expect(page.StoredBodies()).ToHaveTextAsync(["before the cut"]);

        await page.ConversationList().Locator($"[data-username='{carol}']").ClickAsync();
        await Expect(waiting).ToBeVisibleAsync();
        await page.Context.SetOfflineAsync(false);
        proxy.Restore();

        await Expect(page).ToHaveURLAsync($"{proxy.BaseUrl}/chat/{carol}", new() { Timeout = 15_000 });
        await Expect(waiting).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = carol })).ToBeVisibleAsync();
        await Expect(page.MessageBox()).ToBeEditableAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Coming back loaded a page.");
    }

    [Fact]
    public async Task On_a_phone_the_banner_hides_nothing_and_a_chat_tapped_offline_waits_full_screen_with_a_way_back()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var proxy = browser.NewProxy();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl, Screen.Phone);
        var page = session.Page;

        proxy.Cut();
        var banner = Banner(page, "Connecting…");
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 5_000 });
        var bar = await banner.BoundingBoxAsync();
        var header = await page.Locator(".bm-chat-header").BoundingBoxAsync();
        Assert.True(bar!.Y + bar.Height <= header!.Y + 0.5, $"The banner (y {bar.Y}–{bar.Y + bar.Height}) covers the chat's header (from y {header.Y}).");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = bob })).ToBeInViewportAsync(new() { Ratio = 1 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to conversations" }).TapAsync();
        await Expect(page.ConversationList()).ToBeVisibleAsync();
        await page.ConversationList().Locator($"[data-username='{carol}']").TapAsync();
        var waiting = page.Locator("#bm-waiting-link");
        await Expect(waiting.GetByRole(AriaRole.Heading, new() { Name = carol })).ToBeVisibleAsync();
        var box = await waiting.BoundingBoxAsync();
        Assert.True(box is { Width: >= 389 }, $"The waiting chat is {box?.Width} px wide on a 390 px phone.");
        Assert.Empty(await AxeScan.ViolationsAsync(page));
        await waiting.GetByRole(AriaRole.Button, new() { Name = "Back" }).TapAsync();
        await Expect(waiting).ToBeHiddenAsync();
        await Expect(page.ConversationList()).ToBeVisibleAsync();
        proxy.Restore();
        await Expect(banner).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    [Fact]
    public async Task After_a_cut_the_page_says_updating_until_the_outbox_is_sent_and_sends_it_as_soon_as_it_is_back()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        var page = session.Page;
        await page.EvaluateAsync(RecordRecovery);

        proxy.Cut();
        await Expect(Banner(page, "Connecting…")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await page.TypeAndSendAsync("queued in the cut");
        await page.TypeAndSendAsync("and one more");
        await Expect(page.Pending()).ToHaveCountAsync(2);
        // Long enough for sends tried during the cut to be waiting on an answer that never comes.
        await page.WaitForFunctionAsync("() => performance.now() - window.__recovery.cutAt > 3000", null, new() { PollingInterval = 250 });
        proxy.Restore();

        await Expect(page.StoredBodies()).ToHaveTextAsync(["queued in the cut", "and one more"], new() { Timeout = 20_000 });
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex("Connecting|Updating") })).ToHaveCountAsync(0);
        var recovery = await page.EvaluateAsync<JsonElement>("() => window.__recovery");
        var sentMs = recovery.GetProperty("sentMs").GetDouble();
        var texts = recovery.GetProperty("texts").EnumerateArray().Select(t => t.GetString()).ToList();
        TestContext.Current.SendDiagnosticMessage($"Outbox sent {sentMs:0} ms after the connection was back; banner: {string.Join(" → ", texts)}.");
        Assert.Equal(0, recovery.GetProperty("unannounced").GetInt32());
        Assert.Equal(["Connecting…", "Updating…"], texts);
        Assert.True(sentMs is >= 0 and < 2000, $"The outbox was sent {sentMs} ms after the connection came back (it waited on a timer before).");
    }

    /// <summary>
    /// Watches the page: whenever something changes after the cut, a message still in the outbox (not stored yet) must
    /// have a banner saying so; and how long after the connection came back the outbox was empty.
    /// </summary>
    [Fact]
    public async Task A_message_the_outbox_sends_from_a_tab_showing_another_chat_is_not_unread_and_marks_what_came_before_read()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        await using var proxy = browser.NewProxy();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var otherTab = await session.OpenTabAsync($"/chat/{carol}");

        proxy.Cut();
        await Expect(Banner(session.Page, "Connecting…")).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await session.Page.TypeAndSendAsync("queued while cut");
        await Expect(session.Page.Pending()).ToHaveCountAsync(1);
        await bobSession.Page.TypeAndSendAsync("hello alice");
        await session.Page.CloseAsync();
        proxy.Restore();

        // The tab that shows carol's chat sends it: bob's row has no unread badge.
        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["hello alice", "queued while cut"], new() { Timeout = 20_000 });
        var bobsRow = otherTab.ConversationList().Locator($"[data-username='{bob}']");
        await Expect(bobsRow).ToContainTextAsync("You: queued while cut");
        await Expect(bobsRow.Locator(".bm-unread")).ToHaveCountAsync(0);

        await bobsRow.ClickAsync();
        await Expect(otherTab.StoredBodies()).ToHaveTextAsync(["hello alice", "queued while cut"]);
        await Expect(otherTab.Locator("[data-unread-divider]")).ToHaveCountAsync(0);
        // Her answer read his message: his tick says so.
        await Expect(bobSession.Page.MessageLog().Locator(".bm-msg[data-seq]").First.GetByRole(AriaRole.Img, new() { Name = "Read", Exact = true })).ToBeVisibleAsync();
    }

    private const string RecordRecovery = """
        () => {
            const banner = document.getElementById("components-reconnect-modal");
            const r = window.__recovery = { unannounced: 0, sentMs: -1, texts: [], cutAt: 0, upAt: 0 };
            const unsent = () => [...document.querySelectorAll(".bm-msg-pending")]
                .some(row => Object.keys(localStorage).some(k => k.startsWith("bm-out:") && k.endsWith(":" + row.dataset.clientId)));
            const text = () => [...banner.children].filter(s => getComputedStyle(s).display !== "none").map(s => s.textContent).join("");
            banner.addEventListener("components-reconnect-state-changed", e => {
                if (e.detail.state === "hide") { r.upAt = performance.now(); } else if (!r.cutAt) { r.cutAt = performance.now(); }
            });
            new MutationObserver(() => {
                const shown = getComputedStyle(banner).display !== "none" ? text() : "";
                if (shown && r.texts[r.texts.length - 1] !== shown) { r.texts.push(shown); }
                const waiting = unsent();
                if (r.cutAt && waiting && !shown) { r.unannounced++; }
                if (r.upAt && !waiting && r.sentMs < 0 && !Object.keys(localStorage).some(k => k.startsWith("bm-out:"))) { r.sentMs = performance.now() - r.upAt; }
            }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        }
        """;

    private static ILocator Banner(IPage page, string text) => page.GetByRole(AriaRole.Status).Filter(new() { HasText = text });
}
