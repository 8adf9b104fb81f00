using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>The log's window without a renderer: pages at both ends, live messages, and what it lets go of.</summary>
public sealed class LogWindowTests
{
    private const int Page = MessageRules.PageSize;
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static ChatMessage Message(long seq, string sender = "bob") =>
        new(seq * 10, 1, seq, sender, Guid.NewGuid(), MessageKind.Text, $"message {seq}", T0.AddMinutes(seq), null);

    /// <summary>Messages first..last, in order.</summary>
    private static List<ChatMessage> Run(long first, long last) => [.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(s => Message(s))];

    [Fact]
    public void The_newest_page_has_older_messages_only_when_it_is_full_and_does_not_start_at_the_first()
    {
        var window = new LogWindow(2 * Page);

        window.ShowNewest(Run(51, 100));
        Assert.Equal((true, false, 51L, 100L), (window.HasOlder, window.HasNewer, window.FirstSeq, window.LastSeq));

        window.ShowNewest(Run(1, 50));
        Assert.False(window.HasOlder);
        window.ShowNewest(Run(1, 7));
        Assert.False(window.HasOlder);
    }

    [Fact]
    public void Scrolling_up_past_the_window_lets_go_of_the_newest_and_scrolling_down_of_the_oldest()
    {
        var window = new LogWindow(2 * Page);
        window.ShowNewest(Run(201, 250));

        window.Prepend(Run(151, 200));
        Assert.Equal((151L, 250L, false), (window.FirstSeq, window.LastSeq, window.HasNewer));
        window.Prepend(Run(101, 150));
        Assert.Equal((101L, 200L, true, true), (window.FirstSeq, window.LastSeq, window.HasOlder, window.HasNewer));

        window.AppendPage(Run(201, 250), hasNewer: false);
        Assert.Equal((151L, 250L, true, false), (window.FirstSeq, window.LastSeq, window.HasOlder, window.HasNewer));
        Assert.Equal(2 * Page, window.Count);
    }

    [Fact]
    public void The_first_page_of_the_conversation_has_nothing_older()
    {
        var window = new LogWindow(2 * Page);
        window.ShowAround(Run(40, 89), hasNewer: true);

        window.Prepend(Run(1, 39));

        Assert.Equal((false, true, 1L), (window.HasOlder, window.HasNewer, window.FirstSeq));
    }

    [Fact]
    public void Following_the_newest_live_messages_push_the_oldest_out()
    {
        var window = new LogWindow(2 * Page);
        window.ShowNewest(Run(1, 100));

        var taken = window.Append(Run(101, 103), follow: true, moreBeyond: false);

        Assert.Equal(3, taken.Count);
        Assert.Equal((4L, 103L, true, false), (window.FirstSeq, window.LastSeq, window.HasOlder, window.HasNewer));
    }

    [Fact]
    public void A_reader_further_back_keeps_their_place_and_what_does_not_fit_waits_below()
    {
        var window = new LogWindow(2 * Page);
        window.ShowAround(Run(1, 98), hasNewer: false);

        var taken = window.Append(Run(99, 103), follow: false, moreBeyond: false);

        Assert.Equal(new long[] { 99, 100 }, taken.Select(m => m.Seq));
        Assert.Equal((1L, 100L, true), (window.FirstSeq, window.LastSeq, window.HasNewer));
    }

    [Fact]
    public void A_catch_up_that_hit_its_limit_leaves_more_below()
    {
        var window = new LogWindow(2 * Page);
        window.ShowNewest(Run(1, 10));

        window.Append(Run(11, 20), follow: true, moreBeyond: true);

        Assert.True(window.HasNewer);
    }

    [Fact]
    public void An_edit_changes_the_message_and_every_quote_of_it_and_a_delete_drops_its_reactions()
    {
        var window = new LogWindow(2 * Page);
        var original = Message(5);
        var reply = Message(6, "me") with { ReplyToId = original.Id, ReplyTo = ChatQuote.Of(original) };
        window.ShowNewest([Message(4), original, reply]);

        var edited = window.Apply(original with { Body = "edited", EditedUtc = T0 });

        Assert.Equal("edited", edited!.Body);
        Assert.Equal("edited", window.Find(6)!.ReplyTo!.Text);
        var reacted = window.Update(original.Id, m => m with { Reactions = [new ReactionGroup("👍", ["me"])] });
        Assert.NotNull(reacted!.Reactions);
        Assert.Null(window.Apply(reacted with { Body = "", DeletedUtc = T0 })!.Reactions);
        Assert.True(window.Find(6)!.ReplyTo!.Deleted);
        Assert.Null(window.Update(999, m => m));
    }

    [Fact]
    public void Spans_tells_a_seq_within_the_stretch_from_one_outside_it()
    {
        var window = new LogWindow(2 * Page);
        Assert.False(window.Spans(1));
        window.ShowAround([Message(10), Message(12)], hasNewer: true);

        Assert.True(window.Spans(11));
        Assert.Null(window.Find(11));
        Assert.False(window.Spans(13));
    }
}
