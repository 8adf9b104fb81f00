using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>What people see while they wait: typing, ticks and Message info.</summary>
[Collection(ThirdBrowserCollection.Name)]
public sealed class AwarenessFlowTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Typing_shows_in_the_header_and_the_list_expires_when_the_keys_stop_and_ends_when_the_message_arrives()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var (a, b) = (aliceSession.Page, bobSession.Page);
        var header = b.GetByTestId("presence-status");
        var row = b.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice });
        await Expect(header).ToHaveTextAsync("online");

        await a.MessageBox().PressSequentiallyAsync("are you");
        await Expect(header).ToHaveTextAsync($"{alice} is typing…");
        await Expect(row.GetByTestId("typing")).ToHaveTextAsync($"{alice} is typing…");
        // Nobody sees their own typing.
        await Expect(a.GetByTestId("typing")).ToHaveCountAsync(0);

        // Five seconds after the last report it goes by itself.
        await Expect(header).ToHaveTextAsync("online", new() { Timeout = 10_000 });
        await Expect(row.GetByTestId("typing")).ToHaveCountAsync(0);

        await a.MessageBox().PressSequentiallyAsync(" there?");
        await Expect(header).ToHaveTextAsync($"{alice} is typing…");
        await a.MessageBox().PressAsync("Enter");
        await Expect(b.StoredBodies()).ToHaveTextAsync(["are you there?"]);
        // The message ends it at once, long before the five seconds.
        await Expect(header).ToHaveTextAsync("online", new() { Timeout = 2_000 });
        await Expect(row).ToContainTextAsync("are you there?");

        // The next message's first keys show at once again (not three seconds after the last report).
        await a.MessageBox().PressSequentiallyAsync("hello?");
        await Expect(header).ToHaveTextAsync($"{alice} is typing…", new() { Timeout = 2_000 });
    }

    [Fact]
    public async Task Ticks_go_from_sent_to_delivered_when_a_tab_shows_it_to_read_when_it_is_seen_on_every_tab_of_the_sender()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var proxy = browser.NewProxy();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        var a = aliceSession.Page;
        var aliceTab2 = await aliceSession.OpenTabAsync($"/chat/{bob}");
        Task ExpectTickAsync(string label) => Task.WhenAll(new[] { a, aliceTab2 }.Select(page =>
            Expect(page.MessageLog().Locator(".bm-msg[data-seq]").Last.GetByRole(AriaRole.Img, new() { Name = label, Exact = true }))
                .ToBeVisibleAsync()));

        await a.TypeAndSendAsync("first, while you are away");
        await ExpectTickAsync("Sent");

        // bob's tab is open but its network is cut: nothing reached him yet.
        await using var bobSession = await browser.LoggedInAsync(bob, "/", proxy.BaseUrl);
        await ExpectTickAsync("Delivered");
        proxy.Cut();
        await a.TypeAndSendAsync("second, while your network is down");
        await ExpectTickAsync("Sent");
        await Expect(a.MessageLog().GetByRole(AriaRole.Img, new() { Name = "Read", Exact = true })).ToHaveCountAsync(0);

        proxy.Restore();
        await ExpectTickAsync("Delivered");

        await bobSession.Page.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice }).ClickAsync();
        await Expect(bobSession.Page.StoredBodies()).ToHaveCountAsync(2);
        await ExpectTickAsync("Read");
        await Expect(a.MessageLog().GetByRole(AriaRole.Img, new() { Name = "Read", Exact = true })).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task In_a_group_message_info_lists_who_read_it_and_who_it_reached()
    {
        var (alice, bob, carol) = await browser.TrioAsync();
        var aliceId = await browser.IdOfAsync(alice);
        var groupId = (await browser.App.Services.GetRequiredService<GroupService>().CreateAsync(aliceId, "Receipts", [bob, carol], Ct)).Value;
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/group/{groupId}");
        await using var bobSession = await browser.LoggedInAsync(bob, $"/group/{groupId}");
        await using var carolSession = await browser.LoggedInAsync(carol);
        var a = aliceSession.Page;

        await a.TypeAndSendAsync("who has seen this?");
        await Expect(bobSession.Page.StoredBodies()).ToHaveTextAsync(["who has seen this?"]);
        var mine = a.MessageLog().Locator(".bm-msg[data-seq]").Last;
        // Read by bob, only delivered to carol: the group's tick is ✓✓ delivered, not read.
        await Expect(mine.GetByRole(AriaRole.Img, new() { Name = "Delivered", Exact = true })).ToBeVisibleAsync();

        await mine.HoverAsync();
        await mine.GetByRole(AriaRole.Button, new() { Name = "Message actions" }).ClickAsync();
        await a.GetByRole(AriaRole.Menuitem, new() { Name = "Message info" }).ClickAsync();
        var info = a.GetByRole(AriaRole.Dialog, new() { Name = "Message info" });
        var readBy = info.GetByRole(AriaRole.Region, new() { Name = "Read by" });
        var deliveredTo = info.GetByRole(AriaRole.Region, new() { Name = "Delivered to" });
        await Expect(readBy.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(readBy.GetByRole(AriaRole.Listitem)).ToContainTextAsync(bob);
        await Expect(readBy.Locator("time")).ToContainTextAsync("Today");
        await Expect(deliveredTo.GetByRole(AriaRole.Listitem)).ToContainTextAsync([carol]);

        // carol opens the group: the open dialog and the tick follow.
        await carolSession.Page.ConversationList().GetByRole(AriaRole.Link, new() { Name = "Receipts" }).ClickAsync();
        await Expect(readBy.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(deliveredTo).ToContainTextAsync("Nobody else");
        await a.Keyboard.PressAsync("Escape");
        await Expect(mine.GetByRole(AriaRole.Img, new() { Name = "Read", Exact = true })).ToBeVisibleAsync();
    }
}
