using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Log;

public sealed class MessageLogReadingTests : ChatComponentContext
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Opening_with_unread_messages_puts_a_new_messages_divider_above_the_first_unread()
    {
        var seen = await Bed.SendAsync(Bed.Alice, "already read");
        await Bed.Receipts.MarkReadAsync(Bed.Bob, Bed.ConversationId, seen.Seq, Ct);
        await Bed.SendAsync(Bed.Alice, "new one");
        await Bed.SendAsync(Bed.Alice, "new two");

        var cut = await RenderLogAsync();

        var divider = cut.Find("[data-unread-divider]");
        Assert.Equal("New messages", divider.TextContent);
        Assert.Equal("separator", divider.GetAttribute("role"));
        Assert.Contains("new one", divider.NextElementSibling!.TextContent);
        Assert.Contains("already read", divider.PreviousElementSibling!.TextContent);
    }

    [Fact]
    public async Task Opening_a_conversation_read_to_the_end_shows_no_divider()
    {
        var message = await Bed.SendAsync(Bed.Alice, "read");
        await Bed.Receipts.MarkReadAsync(Bed.Bob, Bed.ConversationId, message.Seq, Ct);

        var cut = await RenderLogAsync();

        Assert.Empty(cut.FindAll("[data-unread-divider]"));
    }

    [Fact]
    public async Task A_long_unread_stretch_opens_at_its_first_message_with_the_way_to_newer_ones()
    {
        var first = await Bed.SendAsync(Bed.Bob, "my own, so read");
        await Bed.StoreSilentlyAsync([.. Enumerable.Range(1, 80).Select(i => $"unread {i}")]);

        var cut = await RenderLogAsync();

        Assert.Contains("unread 1", cut.Find("[data-unread-divider]").NextElementSibling!.TextContent);
        Assert.Contains(cut.FindAll(".bm-msg"), m => m.GetAttribute("data-seq") == first.Seq.ToString());
        Assert.Contains("Load newer messages", cut.Markup);
    }

    [Fact]
    public async Task A_message_that_arrives_is_not_read_until_the_browser_reports_it_seen()
    {
        var cut = await RenderLogAsync();
        var sent = await Task.Run(() => Bed.SendAsync(Bed.Alice, "are you there?"), Ct);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".bm-msg")));

        Assert.Equal(1, await UnreadAsync());

        await cut.InvokeAsync(() => cut.Instance.MarkSeenAsync(sent.Seq));

        Assert.Equal(0, await UnreadAsync());
    }

    [Fact]
    public async Task The_browser_can_mark_read_only_what_the_log_holds()
    {
        var cut = await RenderLogAsync();
        await Bed.SendAsync(Bed.Alice, "shown");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".bm-msg")));
        await Bed.StoreSilentlyAsync("stored, never shown");

        await cut.InvokeAsync(() => cut.Instance.MarkSeenAsync(long.MaxValue));

        Assert.Equal(1, await UnreadAsync());
    }

    private async Task<long> UnreadAsync() =>
        (await Bed.Lists.ListAsync(Bed.Bob, Ct)).Single(c => c.Id == Bed.ConversationId).Unread;

    private async Task<IRenderedComponent<MessageLog>> RenderLogAsync()
    {
        var conversation = await Bed.Chat.OpenDirectAsync(Bed.Bob, "alice", Ct);
        var cut = Render<MessageLog>(p => p.Add(c => c.Conversation, conversation!).Add(c => c.UserId, Bed.Bob));
        cut.WaitForAssertion(() => Assert.Equal(1, ((InProcessMessengerHub)Bed.Hub).SubscriptionCount(Bed.Bob)));
        return cut;
    }
}
