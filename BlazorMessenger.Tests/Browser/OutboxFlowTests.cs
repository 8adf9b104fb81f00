using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>Nothing typed is ever lost: fast typing, typing before the page is interactive, a refused message, a long paste.</summary>
[Collection(ThirdBrowserCollection.Name)]
public sealed class OutboxFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Messages_typed_back_to_back_at_a_fast_typists_speed_are_all_stored_once_and_in_order()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var texts = Enumerable.Range(1, 12).Select(i => $"quick line {i}").ToArray();

        foreach (var text in texts)
        {
            await aliceSession.Page.TypeAndSendAsync(text, keyDelayMs: 15);
        }

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(texts);
        await Expect(aliceSession.Page.StoredBodies()).ToHaveTextAsync(texts);
        await Expect(aliceSession.Page.Pending()).ToHaveCountAsync(0);
        Assert.Equal(texts, (await browser.StoredMessagesAsync(alice, bob)).Select(m => m.Body));
    }

    [Fact]
    public async Task A_message_sent_before_the_page_is_interactive_waits_in_the_outbox_and_is_sent_once_it_is()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        // Held scripts are held by Playwright's routes, which don't see what a service worker fetches: no worker here.
        await using var aliceSession = await browser.NewSessionAsync(serviceWorkers: false);
        await aliceSession.SignInOverHttpAsync(alice, BrowserPeople.Password);
        var page = aliceSession.Page;
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_framework/blazor.web*.js", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });
        // The composer's own script is a separate request too: until it runs, Enter would only add a line to the box.
        var releaseComposer = new TaskCompletionSource();
        await page.RouteAsync("**/Compose/Composer.Text.js", async route =>
        {
            await releaseComposer.Task;
            await route.ContinueAsync();
        });
        var formPosts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && !request.Url.Contains("/_blazor"))
            {
                formPosts.Add(request.Url);
            }
        };

        await page.GotoAsync($"/chat/{bob}", new() { WaitUntil = WaitUntilState.Commit });
        await Expect(page.Locator(".bm-composer-input")).ToBeAttachedAsync();
        await Expect(page.MessageBox()).ToBeHiddenAsync();
        releaseComposer.SetResult();
        await page.TypeAndSendAsync("typed as the page appeared");
        await page.MessageBox().PressSequentiallyAsync("and a draft");

        await Expect(page.Pending().GetByRole(AriaRole.Img, new() { Name = "Sending" })).ToBeVisibleAsync();
        await Expect(page.Pending()).ToContainTextAsync("typed as the page appeared");
        Assert.Equal(0, await page.Locator("[data-interactive=True]").CountAsync());

        await page.EvaluateAsync("""
            () => new MutationObserver(() => window.__composerGone ||= !document.querySelector(".bm-composer-input"))
                .observe(document.documentElement, { childList: true, subtree: true })
            """);
        release.SetResult();
        await aliceSession.WaitForInteractiveAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => window.__composerGone === true"),
            "The box must never leave the page while it becomes interactive: keystrokes then would be lost.");

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["typed as the page appeared"]);
        await Expect(page.StoredBodies()).ToHaveTextAsync(["typed as the page appeared"]);
        await Expect(page.Pending()).ToHaveCountAsync(0);
        await Expect(page.MessageBox()).ToHaveValueAsync("and a draft");
        Assert.Empty(formPosts);
        Assert.Single(await browser.StoredMessagesAsync(alice, bob));
    }

    [Fact]
    public async Task A_message_typed_in_one_tab_shows_as_pending_in_the_persons_other_tab_and_is_stored_once()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        var otherTab = await session.OpenTabAsync($"/chat/{bob}");

        proxy.Cut();
        await session.Page.TypeAndSendAsync("typed in the first tab");
        await Expect(otherTab.Pending()).ToContainTextAsync("typed in the first tab");
        proxy.Restore();

        await Expect(otherTab.StoredBodies()).ToHaveTextAsync(["typed in the first tab"], new() { Timeout = 20_000 });
        await Expect(session.Page.StoredBodies()).ToHaveTextAsync(["typed in the first tab"]);
        await Expect(otherTab.Pending()).ToHaveCountAsync(0);
        Assert.Single(await browser.StoredMessagesAsync(alice, bob));
    }

    [Fact]
    public async Task A_message_the_server_refuses_shows_not_sent_with_the_reason_and_retry_and_delete()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var session = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = session.Page;
        var aliceId = await browser.IdOfAsync(alice);
        var conversationId = await browser.ConversationIdAsync(aliceId, bob);

        // What an old or tampered page might have left in the outbox: too long, so the server (which checks again) refuses it.
        await page.EvaluateAsync("""
            ([user, conversationId]) => {
                const id = crypto.randomUUID();
                localStorage.setItem(`bm-out:${user}:${id}`,
                    JSON.stringify({ id, user, conversationId, text: "x".repeat(4001), order: Date.now(), error: null }));
            }
            """, new object[] { aliceId, conversationId });
        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();

        var notSent = page.Pending().GetByRole(AriaRole.Alert);
        await Expect(notSent).ToHaveTextAsync("Not sent: A message can have at most 4,000 characters.");
        await page.Pending().GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(notSent).ToHaveTextAsync("Not sent: A message can have at most 4,000 characters.");
        await page.Pending().GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(page.Pending()).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await session.WaitForInteractiveAsync();
        await Expect(page.Pending()).ToHaveCountAsync(0);
        Assert.Empty(await browser.StoredMessagesAsync(alice, bob));
    }

    [Fact]
    public async Task A_long_paste_is_held_in_the_browser_with_a_clear_message_and_the_connection_stays_up()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var page = aliceSession.Page;
        var box = page.MessageBox();

        await box.FocusAsync();
        await page.Keyboard.InsertTextAsync(new string('p', 100_000));

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("A message can have at most 4,000 characters.");
        await Expect(page.Locator("[data-composer-count]")).ToHaveTextAsync("100,000 / 4,000");
        await box.PressAsync("Enter");
        await Expect(box).ToHaveValueAsync(new string('p', 100_000));
        await Expect(page.Pending()).ToHaveCountAsync(0);

        await box.FillAsync("");
        await page.TypeAndSendAsync("a short one instead");
        await Expect(page.StoredBodies()).ToHaveTextAsync(["a short one instead"]);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(page.GetByText("Connecting…")).ToBeHiddenAsync();
        Assert.Equal(["a short one instead"], (await browser.StoredMessagesAsync(alice, bob)).Select(m => m.Body));
    }
}
