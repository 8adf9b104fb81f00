using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Pins;
using BlazorMessenger.Features.Chat.Reactions;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BlazorMessenger.Tests.Browser;

[Collection(ThirdBrowserCollection.Name)]
public sealed class ChatScrollingTests(BrowserFixture browser)
{
    [Fact]
    public async Task Scrolling_to_the_top_loads_the_previous_page_without_moving_what_the_reader_sees()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 120);
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var log = session.Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        await Expect(log.Locator(".bm-msg")).ToHaveCountAsync(50);
        await Expect(log.Locator(".bm-msg").Last).ToContainTextAsync("message 120");

        // Where the oldest shown message sits once the log is scrolled to its top: it must stay there while the page
        // above it loads.
        var anchor = log.Locator(".bm-msg[data-seq='71']");
        const string topInLog = "m => m.getBoundingClientRect().top - m.parentElement.getBoundingClientRect().top";
        var seenAt = await anchor.EvaluateAsync<double>($"m => ({topInLog})(m) + m.parentElement.scrollTop");
        await log.EvaluateAsync("e => e.scrollTop = 0");
        await Expect(log.Locator(".bm-msg")).ToHaveCountAsync(100);

        var anchorTop = await anchor.EvaluateAsync<double>(topInLog);
        Assert.InRange(anchorTop, seenAt - 5, seenAt + 5);
        await log.EvaluateAsync("e => e.scrollTop = 0");
        await Expect(log).ToContainTextAsync("This is the beginning of your conversation.");
        await Expect(log.Locator(".bm-msg").First).ToHaveAttributeAsync("data-seq", "1");
        // The log keeps a window of 100 messages: the newest went, and come back on the way down.
        await Expect(log.Locator(".bm-msg")).ToHaveCountAsync(100);
        await Expect(log.Locator(".bm-msg").Last).ToHaveAttributeAsync("data-seq", "100");
    }

    [Fact]
    public async Task The_log_holds_a_window_of_messages_and_scrolling_back_down_loads_again_what_it_let_go_of_in_place()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 220);
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var log = session.Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        var bubbles = log.Locator(".bm-msg");
        await Expect(bubbles).ToHaveCountAsync(50);

        foreach (var (first, last) in new[] { (121, 220), (71, 170), (21, 120) })
        {
            await log.EvaluateAsync("e => e.scrollTop = 0");
            await Expect(bubbles.First).ToHaveAttributeAsync("data-seq", first.ToString());
            await Expect(bubbles.Last).ToHaveAttributeAsync("data-seq", last.ToString());
            await Expect(bubbles).ToHaveCountAsync(100);
        }

        // Down again: the message at the bottom of the view stays where the reader saw it while the next page arrives
        // below and the oldest go above.
        const string topInLog = "m => m.getBoundingClientRect().top - m.parentElement.getBoundingClientRect().top";
        foreach (var (first, last) in new[] { (71, 170), (121, 220) })
        {
            var anchor = log.Locator($".bm-msg[data-seq='{first + 49}']");
            var seenAt = await log.EvaluateAsync<double>(
                $"e => {{ e.scrollTop = e.scrollHeight; return ({topInLog})(e.querySelector('.bm-msg[data-seq=\"{first + 49}\"]')); }}");
            await Expect(bubbles.Last).ToHaveAttributeAsync("data-seq", last.ToString());
            await Expect(bubbles.First).ToHaveAttributeAsync("data-seq", first.ToString());
            Assert.InRange(await anchor.EvaluateAsync<double>(topInLog), seenAt - 5, seenAt + 5);
        }

        await log.EvaluateAsync("e => e.scrollTop = e.scrollHeight");
        await Expect(log.Locator("[data-log-bottom]")).ToHaveAttributeAsync("data-more", "false");
        await Expect(bubbles).ToHaveCountAsync(100);
        await Expect(bubbles.Last).ToBeInViewportAsync();
    }

    [Fact]
    public async Task A_new_message_follows_the_reader_at_the_bottom_and_otherwise_offers_a_new_messages_button()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 60);
        await using var bobSession = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var chat = browser.App.Services.GetRequiredService<ChatService>();
        var log = bobSession.Page.GetByRole(AriaRole.Log, new() { Name = "Messages" });
        await Expect(log.Locator(".bm-msg")).ToHaveCountAsync(50);

        await chat.SendAsync(aliceId, conversationId, Guid.NewGuid(), "while at the bottom", ct: TestContext.Current.CancellationToken);
        await Expect(log.Locator(".bm-msg").Last).ToBeInViewportAsync();

        await log.EvaluateAsync("e => e.scrollTop = e.scrollHeight / 3");
        await Expect(log).ToHaveAttributeAsync("data-at-bottom", "false");
        await chat.SendAsync(aliceId, conversationId, Guid.NewGuid(), "while reading older ones", ct: TestContext.Current.CancellationToken);
        var jump = bobSession.Page.GetByRole(AriaRole.Button, new() { Name = "1 new message" });
        await Expect(jump).ToBeVisibleAsync();
        await Expect(log.Locator(".bm-msg").Last).Not.ToBeInViewportAsync();

        await jump.ClickAsync();

        await Expect(log.Locator(".bm-msg").Last).ToBeInViewportAsync();
        await Expect(jump).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_newest_message_stays_in_full_view_when_something_above_grows_and_a_down_button_shows_whenever_scrolled_up()
    {
        var (alice, bob, aliceId, conversationId) = await browser.ChatPairAsync();
        await browser.SeedAsync(conversationId, aliceId, 60);
        await using var session = await browser.LoggedInAsync(bob, $"/chat/{alice}");
        var page = session.Page;
        var log = page.MessageLog();
        await Expect(log.Locator(".bm-msg")).ToHaveCountAsync(50);
        var newest = log.Locator(".bm-msg").Last;
        await Expect(newest).ToBeInViewportAsync(new() { Ratio = 1 });
        var toNewest = page.GetByRole(AriaRole.Button, new() { Name = "Go to newest message" });
        await Expect(toNewest).ToHaveCountAsync(0);

        // Reactions on the message above the newest, then the pinned bar appearing: the newest stays in full view.
        var ids = await MessageIdsAsync(conversationId, 59, 58);
        var reactions = browser.App.Services.GetRequiredService<ReactionService>();
        foreach (var emoji in new[] { "👍", "🎉", "❤️", "😂", "🔥", "👀", "🙏" })
        {
            await reactions.SetAsync(aliceId, ids[59], emoji, add: true, TestContext.Current.CancellationToken);
        }

        await Expect(log.Locator(".bm-msg[data-seq='59'] .bm-reactions")).ToBeVisibleAsync();
        await Expect(newest).ToBeInViewportAsync(new() { Ratio = 1 });
        await browser.App.Services.GetRequiredService<PinService>().SetAsync(aliceId, ids[58], pin: true, TestContext.Current.CancellationToken);
        await Expect(page.Locator(".bm-pinned-bar")).ToBeVisibleAsync();
        await Expect(newest).ToBeInViewportAsync(new() { Ratio = 1 });

        // Scrolled up, with nothing new: a round button goes back down.
        await log.EvaluateAsync("e => e.scrollTop = e.scrollHeight / 3");
        await Expect(toNewest).ToBeVisibleAsync();
        await toNewest.ClickAsync();
        await Expect(newest).ToBeInViewportAsync(new() { Ratio = 1 });
        await Expect(toNewest).ToHaveCountAsync(0);
    }

    private async Task<Dictionary<long, long>> MessageIdsAsync(long conversationId, params long[] seqs)
    {
        await using var db = await browser.App.Services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId && seqs.Contains(m.Seq)).ToDictionaryAsync(m => m.Seq, m => m.Id);
    }
}
