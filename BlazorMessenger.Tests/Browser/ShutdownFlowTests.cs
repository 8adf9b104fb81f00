using BlazorMessenger.Benchmarks;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>The app as its own process, stopped the way a service manager stops it.</summary>
[Collection(SecondBrowserCollection.Name)]
public sealed class ShutdownFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task On_SIGTERM_open_pages_say_the_server_is_restarting_and_come_back_by_themselves_with_what_was_typed()
    {
        var data = TempDirectory.NewPath("bm-shutdown");
        try
        {
            await BrowserPeople.StorePairAsync(new Dictionary<string, string?> { ["Messenger:DataDirectory"] = data });
            await using var first = await AppProcess.StartBuiltAsync(data, "Development");
            await using var proxy = new TcpProxy(new Uri(first.BaseUrl));
            await using var session = await browser.LoggedInAsync("alice", "/chat/bob", proxy.BaseUrl);
            var page = session.Page;
            var notice = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Server restarting" });

            var exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(0, exitCode);
            await Expect(notice).ToBeVisibleAsync();
            await Expect(page.GetByText("Connecting…")).ToBeHiddenAsync();
            await page.TypeAndSendAsync("typed while the server was away");
            await Expect(page.Pending()).ToContainTextAsync("typed while the server was away");

            await using var second = await AppProcess.StartBuiltAsync(data, "Development");
            proxy.Retarget(new Uri(second.BaseUrl));

            await Expect(page.StoredBodies()).ToHaveTextAsync(["typed while the server was away"], new() { Timeout = 30_000 });
            await Expect(notice).ToHaveCountAsync(0);
            await Expect(page.Pending()).ToHaveCountAsync(0);
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }

}
