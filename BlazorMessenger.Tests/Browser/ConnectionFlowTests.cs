using System.Diagnostics;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>A cut network, a stalled one and a restarted server: the page says so without blocking, and what was sent arrives once.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ConnectionFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task Messages_sent_while_the_network_is_cut_arrive_once_it_returns_even_across_a_reload()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = aliceSession.Page;
        var banner = Banner(page);

        proxy.Cut();
        await Expect(banner).ToBeVisibleAsync(new() { Timeout = 3_000 });
        await page.TypeAndSendAsync("sent during the cut");
        await Expect(page.Pending()).ToContainTextAsync("sent during the cut");
        await Expect(page.MessageBox()).ToHaveValueAsync("");
        proxy.Restore();

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["sent during the cut"], new() { Timeout = 20_000 });
        await Expect(banner).ToBeHiddenAsync();

        // A reload without a network opens the app's shell (the service worker's offline page) saying "Connecting…",
        // never the browser's error page, and the chat comes back by itself with the network.
        // The page registers its worker a few seconds after loading.
        await page.WaitForFunctionAsync("() => !!navigator.serviceWorker.controller");
        proxy.Cut();
        await page.TypeAndSendAsync("sent before a reload");
        await page.ReloadAsync();
        await Expect(page.Locator("main").GetByRole(AriaRole.Status)).ToHaveTextAsync("Connecting…");
        proxy.Restore();
        await Expect(page.MessageBox()).ToBeVisibleAsync();

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["sent during the cut", "sent before a reload"], new() { Timeout = 20_000 });
        await aliceSession.WaitForInteractiveAsync();
        await page.TypeAndSendAsync("after it all");
        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["sent during the cut", "sent before a reload", "after it all"]);
        await Expect(page.Pending()).ToHaveCountAsync(0);
        Assert.Equal(3, (await browser.StoredMessagesAsync(alice, bob)).Count);
    }

    [Fact]
    public async Task A_stalled_network_shows_connecting_within_seconds_and_what_was_sent_goes_when_it_flows_again()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = aliceSession.Page;

        var stalled = Stopwatch.StartNew();
        proxy.Stall();
        await page.TypeAndSendAsync("sent into the stall");
        await Expect(page.Pending()).ToContainTextAsync("sent into the stall");
        await Expect(Banner(page)).ToBeVisibleAsync(new() { Timeout = 4_000 });
        TestContext.Current.SendDiagnosticMessage($"\"Connecting…\" shown {stalled.ElapsedMilliseconds} ms after the network stalled.");
        await page.TypeAndSendAsync("and another");
        proxy.Restore();

        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["sent into the stall", "and another"], new() { Timeout = 20_000 });
        await Expect(Banner(page)).ToBeHiddenAsync();
        await Expect(page.Pending()).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task More_messages_than_the_send_limit_allows_at_once_all_arrive_in_order_after_a_cut()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        var page = aliceSession.Page;
        var texts = Enumerable.Range(1, 26).Select(i => $"backlog {i}").ToArray();

        proxy.Cut();
        foreach (var text in texts)
        {
            await page.TypeAndSendAsync(text);
        }

        await Expect(page.Pending()).ToHaveCountAsync(texts.Length);
        proxy.Restore();

        // 20 at once, then the limit refills at 2 a second: the rest wait in order, none shows "Not sent".
        await Expect(page.StoredBodies()).ToHaveTextAsync(texts, new() { Timeout = 30_000 });
        await Expect(page.GetByText("Not sent")).ToHaveCountAsync(0);
        Assert.Equal(texts, (await browser.StoredMessagesAsync(alice, bob)).Select(m => m.Body));
    }

    [Fact]
    public async Task After_a_server_restart_the_page_reloads_by_itself_and_sends_what_waited()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}", proxy.BaseUrl);
        var page = aliceSession.Page;
        await page.EvaluateAsync("() => window.__beforeRestart = true");

        proxy.Cut();
        await page.TypeAndSendAsync("sent while the server restarted");
        await Expect(page.Pending()).ToContainTextAsync("sent while the server restarted");
        await using var restarted = browser.App.Restarted();
        proxy.Retarget(new Uri(restarted.BaseUrl));

        await Expect(page.StoredBodies()).ToHaveTextAsync(["sent while the server restarted"], new() { Timeout = 30_000 });
        Assert.False(await page.EvaluateAsync<bool>("() => window.__beforeRestart === true"), "The page should have reloaded itself.");
        await Expect(page.Pending()).ToHaveCountAsync(0);
        Assert.Equal("sent while the server restarted", Assert.Single(await browser.StoredMessagesAsync(alice, bob)).Body);
    }

    /// <summary>Chromium may still be committing its own error page from the failed reload when the test navigates.</summary>
    private static ILocator Banner(IPage page) => page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Connecting…" });
}
