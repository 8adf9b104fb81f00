using BlazorMessenger.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>Nothing typed is ever lost: fast typing, typing before the page is interactive, a cut network, a long paste.</summary>
[Collection(BrowserCollection.Name)]
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
        Assert.Equal(texts, (await StoredAsync(alice, bob)).Select(m => m.Body));
    }

    [Fact]
    public async Task A_message_sent_before_the_page_is_interactive_waits_in_the_outbox_and_is_sent_once_it_is()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await using var aliceSession = await browser.LoggedInAsync(alice);
        var page = aliceSession.Page;
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/_framework/blazor.web*.js", async route =>
        {
            await release.Task;
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
        await page.TypeAndSendAsync("typed as the page appeared");
        await page.MessageBox().PressSequentiallyAsync("and a draft");

        await Expect(page.Pending().GetByRole(AriaRole.Img, new() { Name = "Sending" })).ToBeVisibleAsync();
        await Expect(page.Pending()).ToContainTextAsync("typed as the page appeared");
        Assert.Equal(0, await page.Locator("[data-interactive=True]").CountAsync());

        release.SetResult();
        await aliceSession.WaitForInteractiveAsync();

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["typed as the page appeared"]);
        await Expect(page.StoredBodies()).ToHaveTextAsync(["typed as the page appeared"]);
        await Expect(page.Pending()).ToHaveCountAsync(0);
        await Expect(page.MessageBox()).ToHaveValueAsync("and a draft");
        Assert.Empty(formPosts);
        Assert.Single(await StoredAsync(alice, bob));
    }

    [Fact]
    public async Task Messages_sent_while_the_network_is_cut_arrive_once_it_returns_even_across_a_reload()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = aliceSession.Page;
        var banner = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connecting…" });

        proxy.Cut();
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await page.TypeAndSendAsync("sent during the cut");
        await Expect(page.Pending()).ToContainTextAsync("sent during the cut");
        await Expect(page.MessageBox()).ToHaveValueAsync("");
        proxy.Restore();

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["sent during the cut"], new() { Timeout = 20_000 });
        await Expect(banner).ToBeHiddenAsync();

        proxy.Cut();
        await page.TypeAndSendAsync("sent before a reload");
        await Assert.ThrowsAsync<PlaywrightException>(() => page.ReloadAsync());
        await page.WaitForLoadStateAsync(LoadState.Load);
        proxy.Restore();
        await GotoAfterErrorPageAsync(page, $"/chat/{bob}");

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["sent during the cut", "sent before a reload"], new() { Timeout = 20_000 });
        await aliceSession.WaitForInteractiveAsync();
        await page.TypeAndSendAsync("after it all");
        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["sent during the cut", "sent before a reload", "after it all"]);
        await Expect(page.Pending()).ToHaveCountAsync(0);
        Assert.Equal(3, (await StoredAsync(alice, bob)).Count);
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
        Assert.Equal(["a short one instead"], (await StoredAsync(alice, bob)).Select(m => m.Body));
    }

    /// <summary>Chromium may still be committing its own error page from the failed reload when the test navigates.</summary>
    private static async Task GotoAfterErrorPageAsync(IPage page, string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.GotoAsync(path);
                return;
            }
            catch (PlaywrightException ex) when (attempt < 5 && ex.Message.Contains("interrupted by another navigation"))
            {
                await page.WaitForLoadStateAsync(LoadState.Load);
            }
        }
    }

    private async Task<IReadOnlyList<ChatMessage>> StoredAsync(string userName, string peerUserName)
    {
        var chat = browser.App.Services.GetRequiredService<ChatService>();
        var userId = await browser.IdOfAsync(userName);
        var conversation = await chat.OpenDirectAsync(userId, peerUserName);
        return await chat.GetAfterAsync(userId, conversation!.Id, 0);
    }
}
