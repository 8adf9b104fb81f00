using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.List;

public sealed class ConversationListTests : ChatComponentContext
{
    [Fact]
    public void Without_conversations_it_is_a_named_navigation_landmark_with_an_empty_state()
    {
        var cut = Render<ConversationList>(p => p.Add(c => c.UserId, Bed.Carol));

        var nav = cut.Find("nav");
        Assert.Equal("Conversations", nav.GetAttribute("aria-label"));
        Assert.Contains("No conversations yet", nav.TextContent);
    }

    [Fact]
    public async Task It_shows_the_peer_the_preview_and_the_unread_count()
    {
        await Bed.SendAsync(Bed.Alice, "hello <b>bob</b>");
        await Bed.SendAsync(Bed.Alice, "second");

        var cut = Render<ConversationList>(p => p.Add(c => c.UserId, Bed.Bob));

        cut.WaitForAssertion(() =>
        {
            var entry = cut.Find("[data-testid=conversation]");
            Assert.Contains("Alice A.", entry.TextContent);
            Assert.Contains("second", entry.TextContent);
            Assert.Equal("2", cut.Find("[aria-label='2 unread']").TextContent);
        });
    }

    [Fact]
    public void The_row_of_the_open_conversation_is_marked_and_the_mark_moves_with_the_page()
    {
        var cut = Render<ConversationList>(p => p.Add(c => c.UserId, Bed.Bob).Add(c => c.CurrentPath, "chat/alice"));
        cut.WaitForAssertion(() => Assert.Equal("page", cut.Find("[data-testid=conversation]").GetAttribute("aria-current")));
        Assert.Contains("bm-active", cut.Find("[data-testid=conversation]").ClassList);

        cut.Render(p => p.Add(c => c.CurrentPath, "contacts"));

        Assert.Null(cut.Find("[data-testid=conversation]").GetAttribute("aria-current"));
        Assert.DoesNotContain("bm-active", cut.Find("[data-testid=conversation]").ClassList);
    }

    [Fact]
    public async Task A_message_published_from_another_thread_updates_the_entry_live()
    {
        var cut = Render<ConversationList>(p => p.Add(c => c.UserId, Bed.Bob));
        cut.WaitForAssertion(() => Assert.Contains("No messages yet", cut.Find("[data-testid=conversation]").TextContent));

        await Task.Run(() => Bed.SendAsync(Bed.Alice, "live from elsewhere"), Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() =>
        {
            Assert.Contains("live from elsewhere", cut.Find("[data-testid=conversation]").TextContent);
            Assert.NotNull(cut.Find("[aria-label='1 unread']"));
        });
    }

    [Fact]
    public async Task Disposing_the_list_ends_its_hub_subscription()
    {
        var hub = (InProcessMessengerHub)Bed.Hub;
        var cut = Render<ConversationList>(p => p.Add(c => c.UserId, Bed.Bob));
        cut.WaitForAssertion(() => Assert.Equal(1, hub.SubscriptionCount(Bed.Bob)));

        await DisposeComponentsAsync();

        Assert.Equal(0, hub.SubscriptionCount(Bed.Bob));
    }
}
