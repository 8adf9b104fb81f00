using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;
using BlazorMessenger.Tests.TestSupport;
using Bunit;

namespace BlazorMessenger.Tests.Features.Chat.Log;

public sealed class MessageBubbleTests : ChatComponentContext
{
    [Fact]
    public async Task Every_message_has_one_light_actions_button_and_no_menu_of_its_own()
    {
        var mine = await Bed.SendAsync(Bed.Alice, "mine");
        var theirs = await Bed.SendAsync(Bed.Bob, "theirs");

        foreach (var message in new[] { mine, theirs })
        {
            var cut = RenderBubble(message, Bed.Alice);
            Assert.Single(cut.FindAll("button[aria-label='Message actions']"));
            Assert.Empty(cut.FindAll(".mud-menu"));
        }
    }

    [Fact]
    public async Task A_reply_shows_the_quoted_sender_and_first_line_and_a_deleted_original_says_so()
    {
        var original = await Bed.SendAsync(Bed.Bob, "first line\nsecond line");
        var reply = (await Bed.Chat.SendAsync(Bed.Alice, Bed.ConversationId, Guid.NewGuid(), "answer", original.Id, Xunit.TestContext.Current.CancellationToken)).Value!;

        var cut = RenderBubble(reply, Bed.Alice, id => id == Bed.Bob ? "Bob" : "Alice A.");
        Assert.Equal("Bob", cut.Find(".bm-quote-name").TextContent);
        Assert.Equal("first line", cut.Find(".bm-quote-text").TextContent);

        var gone = RenderBubble(reply with { ReplyTo = reply.ReplyTo! with { Deleted = true, Text = "" } }, Bed.Alice);
        Assert.Equal(QuoteText.Deleted, gone.Find(".bm-quote-text").TextContent);
    }

    [Fact]
    public async Task Reactions_show_as_chips_with_counts_the_readers_own_highlighted_and_who_gave_them()
    {
        var message = (await Bed.SendAsync(Bed.Bob, "news")) with
        {
            Reactions = [new ReactionGroup("👍", [Bed.Bob, Bed.Alice]), new ReactionGroup("🎉", [Bed.Bob])],
        };

        var cut = RenderBubble(message, Bed.Alice, id => id == Bed.Bob ? "Bob" : "Alice A.");
        var chips = cut.FindAll(".bm-reaction");

        Assert.Equal(["👍2", "🎉1"], chips.Select(c => c.TextContent.Replace(c.QuerySelector(".bm-reaction-who")!.TextContent, "").Trim().Replace(" ", "")));
        Assert.Equal("true", chips[0].GetAttribute("aria-pressed"));
        Assert.Equal("false", chips[1].GetAttribute("aria-pressed"));
        Assert.Equal("You and Bob", chips[0].QuerySelector(".bm-reaction-who")!.TextContent);
    }

    [Fact]
    public async Task A_forwarded_copy_and_a_pinned_message_are_marked()
    {
        var message = (await Bed.SendAsync(Bed.Bob, "fyi")) with { Forwarded = true, PinnedUtc = DateTime.UtcNow, Kind = MessageKind.Text };

        var cut = RenderBubble(message, Bed.Alice);

        Assert.Contains("Forwarded", cut.Find(".bm-forwarded").TextContent);
        Assert.Equal("Pinned", cut.Find(".bm-pinned").GetAttribute("aria-label"));
    }

    private IRenderedComponent<MessageBubble> RenderBubble(ChatMessage message, string readerId, Func<string, string>? names = null) =>
        Render<MessageBubble>(p => p
            .AddCascadingValue(new SenderNames(names ?? (_ => "someone"), id => new Mentioned("@" + id, id, true), readerId))
            .Add(b => b.Message, message));
}
