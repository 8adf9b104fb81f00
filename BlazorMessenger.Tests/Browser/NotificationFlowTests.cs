using BlazorMessenger.Features.Notifications;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

/// <summary>
/// Browser notifications, with the browser's Notification replaced by a recorder (an init script): what the app
/// constructs, and whether it ever asked for permission by itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationFlowTests(BrowserFixture browser)
{
    private const string RecordNotifications = """
        window.__asked = 0;
        window.__notes = [];
        window.Notification = class {
            // The browser keeps a grant for the site: every tab and every later page load has it.
            static get permission() { return localStorage.getItem("test-permission") ?? "default"; }
            static async requestPermission() { window.__asked++; localStorage.setItem("test-permission", "granted"); return "granted"; }
            constructor(title, options) { this.title = title; Object.assign(this, options); window.__notes.push(this); }
            close() { this.closed = true; }
        };
        """;

    private static Task<int> CountAsync(IPage page) => page.EvaluateAsync<int>("() => window.__notes.length");

    [Fact]
    public async Task Only_one_tab_notifies_clicking_opens_the_chat_and_nothing_notifies_while_it_is_open_or_muted()
    {
        var (alice, bob) = await browser.PairAsync();
        await using var aliceSession = await browser.LoggedInAsync(alice, $"/chat/{bob}");
        await using var bobSession = await browser.LoggedInAsync(bob);
        await bobSession.AddInitScriptAsync(RecordNotifications);
        var first = bobSession.Page;
        await first.GotoAsync("/settings");
        await bobSession.WaitForInteractiveAsync();
        Assert.Equal(0, await first.EvaluateAsync<int>("() => window.__asked"));
        await first.GetByRole(AriaRole.Button, new() { Name = "Enable notifications" }).ClickAsync();
        await Expect(first.GetByText("Notifications are on in this browser.")).ToBeVisibleAsync();
        Assert.Equal(1, await first.EvaluateAsync<int>("() => window.__asked"));
        var second = await bobSession.OpenTabAsync("/contacts");
        var a = aliceSession.Page;

        await a.TypeAndSendAsync("ping");
        await a.TypeAndSendAsync(new string('x', 150));
        // Both tabs heard both messages (their lists show the last one); between them they showed each message once.
        foreach (var tab in new[] { first, second })
        {
            await Expect(tab.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice })).ToContainTextAsync("xxxx");
        }

        await Eventually.TrueAsync(async () => await CountAsync(first) + await CountAsync(second) == 2, "Two notifications");
        var notes = (await first.EvaluateAsync<Note[]>("() => window.__notes.map(n => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon }))"))
            .Concat(await second.EvaluateAsync<Note[]>("() => window.__notes.map(n => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon }))"))
            .ToList();
        Assert.Equal(["ping", new string('x', 100) + "…"], notes.Select(n => n.Body).Order());
        Assert.All(notes, n => Assert.Equal(alice, n.Title));
        Assert.Single(notes.Select(n => n.Tag).Distinct());
        Assert.All(notes, n => Assert.EndsWith("/favicon.png", n.Icon));

        // Clicking one opens the conversation in its tab.
        var notifying = await CountAsync(first) > 0 ? first : second;
        await notifying.EvaluateAsync("() => window.__notes[window.__notes.length - 1].onclick()");
        await Expect(notifying).ToHaveURLAsync($"{bobSession.BaseUrl}/chat/{alice}");
        await Expect(notifying.StoredBodies().First).ToHaveTextAsync("ping");

        // While a tab shows the chat, no tab notifies.
        var other = notifying == first ? second : first;
        var otherBefore = await CountAsync(other);
        await a.TypeAndSendAsync("you are looking");
        await Expect(notifying.StoredBodies().Last).ToHaveTextAsync("you are looking");
        await Expect(other.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice })).ToContainTextAsync("you are looking");
        // Seen there: read on every tab.
        await Expect(other.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice }).Locator(".bm-unread")).ToHaveCountAsync(0);
        Assert.Equal(2, await CountAsync(notifying) + otherBefore);

        // Muted (from the chat header), and away from the chat: still nothing, and the badge is grey.
        await notifying.GetByRole(AriaRole.Button, new() { Name = $"Notifications for {alice}" }).First.ClickAsync();
        await notifying.GetByRole(AriaRole.Menuitem, new() { Name = "Mute for 1 hour" }).ClickAsync();
        var row = other.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice });
        await Expect(row.GetByRole(AriaRole.Img, new() { Name = "muted" })).ToBeVisibleAsync();
        // (Loading the page again starts its recorder from zero.)
        await notifying.GotoAsync("/contacts");
        await BrowserSession.WaitForInteractiveAsync(notifying);
        await a.TypeAndSendAsync("quietly");
        await Expect(row).ToContainTextAsync("quietly");
        await Expect(row.Locator(".bm-unread.bm-muted")).ToHaveTextAsync("1");
        await Expect(other).ToHaveTitleAsync("BlazorMessenger");
        await Expect(notifying.ConversationList().GetByRole(AriaRole.Link, new() { Name = alice })).ToContainTextAsync("quietly");

        // Unmuted from the conversation row: the next message notifies again, and it is the only one since muting (each
        // tab handles its messages in order, so "quietly" was decided before it).
        await row.HoverAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = $"Notifications for {alice} (muted)" }).ClickAsync();
        await other.GetByRole(AriaRole.Menuitem, new() { Name = "Unmute" }).ClickAsync();
        await Expect(row.GetByRole(AriaRole.Img, new() { Name = "muted" })).ToHaveCountAsync(0);
        await a.TypeAndSendAsync("loud again");
        await Eventually.TrueAsync(async () => await CountAsync(other) - otherBefore + await CountAsync(notifying) == 1, "The unmuted notification");
        var since = (await other.EvaluateAsync<string[]>($"() => window.__notes.slice({otherBefore}).map(n => n.body)"))
            .Concat(await notifying.EvaluateAsync<string[]>("() => window.__notes.map(n => n.body)"));
        Assert.Equal(["loud again"], since);
    }

    private sealed class Note
    {
        public string Title { get; set; } = "";

        public string Body { get; set; } = "";

        public string Tag { get; set; } = "";

        public string Icon { get; set; } = "";
    }
}
