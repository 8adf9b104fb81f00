using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Log;

namespace BlazorMessenger.Tests.Features.Chat.Log;

/// <summary>
/// The log's feed without a renderer or a database: opening, pages at both ends, live messages, gaps, jumps and loads
/// that overlap. The conversation is a list in memory read the way <see cref="ChatService"/> reads it, and a read can
/// be held to let something else happen meanwhile.
/// </summary>
public sealed class LogFeedTests
{
    private const int Page = MessageRules.PageSize;
    private const string Reader = "alice";
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly Conversation _conversation = new();
    private readonly List<LogChange> _changes = [];

    private static ChatMessage Message(long seq, string sender = "bob") =>
        new(seq * 10, 1, seq, sender, Guid.NewGuid(), MessageKind.Text, $"message {seq}", T0.AddMinutes(seq), null);

    private LogFeed Feed(int messages)
    {
        _conversation.Add(messages);
        return new LogFeed(new LogWindow(2 * Page), _conversation, Reader, messages, _changes.Add, CancellationToken.None);
    }

    [Fact]
    public async Task A_log_opens_at_the_newest_page_and_loads_older_pages_upwards_letting_go_of_the_newest()
    {
        var feed = Feed(300);
        await feed.OpenAsync(null, new ReaderPosition(300, 300));
        Assert.Equal((251L, 300L, true, false), (feed.Window.FirstSeq, feed.Window.LastSeq, feed.Window.HasOlder, feed.Window.HasNewer));

        var measured = 0;
        Assert.True(await feed.LoadOlderAsync(() => Task.FromResult(++measured)));
        Assert.True(await feed.LoadOlderAsync(() => Task.FromResult(++measured)));
        Assert.Equal((151L, 250L, true), (feed.Window.FirstSeq, feed.Window.LastSeq, feed.Window.HasNewer));
        Assert.Equal(2, measured);
        Assert.Equal(LogScroll.KeepPosition, _changes[^1].Scroll);

        Assert.True(await feed.LoadNewerAsync(() => Task.CompletedTask));
        Assert.Equal((201L, 300L, false), (feed.Window.FirstSeq, feed.Window.LastSeq, feed.Window.HasNewer));
        Assert.False(await feed.LoadNewerAsync(() => Task.CompletedTask));
    }

    [Fact]
    public async Task Many_unread_open_around_the_first_unread_without_highlighting_it()
    {
        var feed = Feed(200);
        await feed.OpenAsync(null, new ReaderPosition(lastReadSeq: 100, lastSeq: 200));

        Assert.Equal((77L, 126L, true), (feed.Window.FirstSeq, feed.Window.LastSeq, feed.Window.HasNewer));
        Assert.Null(feed.HighlightSeq);
    }

    [Fact]
    public async Task The_next_message_is_appended_and_followed_a_duplicate_ignored_and_a_gap_read_from_the_conversation()
    {
        var feed = Feed(10);
        await feed.OpenAsync(null, new ReaderPosition(10, 10));

        await feed.ReceiveAsync(_conversation.Add(1)[0]);
        Assert.Equal(11, feed.Window.LastSeq);
        Assert.Equal(LogScroll.Bottom, _changes[^1].Scroll);
        Assert.Equal(11, _changes[^1].Arrived.Single().Seq);

        await feed.ReceiveAsync(_conversation.Messages[10]);
        Assert.Equal(11, feed.Window.Count);

        var skipped = _conversation.Add(3);
        await feed.ReceiveAsync(skipped[^1]);
        Assert.Equal(Enumerable.Range(1, 14).Select(s => (long)s), feed.Window.Messages.Select(m => m.Seq));
        Assert.Equal([12L, 13L, 14L], _changes[^1].Arrived.Select(m => m.Seq));
    }

    [Fact]
    public async Task A_reader_scrolled_up_is_told_how_many_arrived_below_and_counted_once_until_back_at_the_bottom()
    {
        var feed = Feed(10);
        await feed.OpenAsync(null, new ReaderPosition(10, 10));
        feed.ReaderAtBottom(false);

        await feed.ReceiveAsync(_conversation.Add(1)[0]);
        await feed.ReceiveAsync(_conversation.Add(1)[0]);
        await feed.ReceiveAsync(_conversation.Messages[11]);
        Assert.Equal(2, feed.NewBelow);
        Assert.Equal(LogScroll.None, _changes[^1].Scroll);

        // One's own message brings the reader down.
        await feed.ReceiveAsync(_conversation.Add(1, Reader)[0]);
        Assert.Equal((0, LogScroll.Bottom), (feed.NewBelow, _changes[^1].Scroll));

        await feed.ReceiveAsync(_conversation.Add(1)[0]);
        Assert.Equal(1, feed.NewBelow);
        feed.ReaderAtBottom(true);
        Assert.Equal(0, feed.NewBelow);
    }

    [Fact]
    public async Task Far_back_in_a_long_conversation_new_messages_wait_below_and_ones_own_goes_to_the_newest()
    {
        var feed = Feed(500);
        await feed.OpenAsync(jumpTo: 100, new ReaderPosition(500, 500));
        Assert.Equal((100L, true), (feed.HighlightSeq, feed.Window.HasNewer));

        await feed.ReceiveAsync(_conversation.Add(1)[0]);
        Assert.Equal((1, 125L), (feed.NewBelow, feed.Window.LastSeq));

        await feed.ReceiveAsync(_conversation.Add(1, Reader)[0]);
        Assert.Equal((453L, 502L, false), (feed.Window.FirstSeq, feed.Window.LastSeq, feed.Window.HasNewer));
        Assert.Equal((0, null, LogScroll.Bottom), (feed.NewBelow, feed.HighlightSeq, _changes[^1].Scroll));
    }

    [Fact]
    public async Task A_jump_to_a_held_message_highlights_it_without_reading_and_to_another_reads_the_page_around_it()
    {
        var feed = Feed(300);
        await feed.OpenAsync(null, new ReaderPosition(300, 300));
        var reads = _conversation.Reads;

        await feed.JumpToAsync(280);
        Assert.Equal((280L, reads), (feed.HighlightSeq, _conversation.Reads));
        Assert.Equal(LogScroll.Highlight, _changes[^1].Scroll);

        await feed.JumpToAsync(20);
        Assert.Equal((20L, 1L, 45L), (feed.HighlightSeq, feed.Window.FirstSeq, feed.Window.LastSeq));

        await feed.JumpToBottomAsync();
        Assert.Equal((251L, 300L, null), (feed.Window.FirstSeq, feed.Window.LastSeq, feed.HighlightSeq));
        Assert.Equal(LogScroll.Bottom, _changes[^1].Scroll);
    }

    [Fact]
    public async Task The_later_of_two_overlapping_jumps_wins_and_an_older_page_arriving_after_a_jump_is_dropped()
    {
        var feed = Feed(300);
        await feed.OpenAsync(null, new ReaderPosition(300, 300));

        var held = _conversation.HoldNextRead();
        var first = feed.JumpToAsync(20);
        await feed.JumpToAsync(150);
        held.SetResult();
        await first;
        Assert.Equal((150L, 126L, 175L), (feed.HighlightSeq, feed.Window.FirstSeq, feed.Window.LastSeq));

        held = _conversation.HoldNextRead();
        var older = feed.LoadOlderAsync(() => Task.CompletedTask);
        await feed.JumpToAsync(280);
        held.SetResult();
        Assert.False(await older);
        Assert.Equal((280L, 256L, 300L), (feed.HighlightSeq, feed.Window.FirstSeq, feed.Window.LastSeq));
    }

    [Fact]
    public async Task A_message_told_of_while_the_newest_page_was_being_read_is_read_once_the_page_is_in()
    {
        var feed = Feed(30);
        var held = _conversation.HoldNextRead();
        var opening = feed.OpenAsync(null, new ReaderPosition(30, 30));
        var late = _conversation.Add(1)[0];
        await feed.ReceiveAsync(late);
        held.SetResult();
        await opening;

        Assert.Equal(31, feed.Window.LastSeq);
    }

    /// <summary>A conversation in memory, read as <see cref="ChatService"/> reads one; the next read can be held.</summary>
    private sealed class Conversation : IConversationReads
    {
        private readonly List<ChatMessage> _messages = [];
        private TaskCompletionSource? _hold;

        public IReadOnlyList<ChatMessage> Messages => _messages;

        public int Reads { get; private set; }

        public IReadOnlyList<ChatMessage> Add(int count, string sender = "bob")
        {
            var added = Enumerable.Range(_messages.Count + 1, count).Select(seq => Message(seq, sender)).ToList();
            _messages.AddRange(added);
            return added;
        }

        /// <summary>The next read answers what the conversation holds now, once the answer's SetResult is called.</summary>
        public TaskCompletionSource HoldNextRead() => _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<IReadOnlyList<ChatMessage>> PageBeforeAsync(long? beforeSeq, CancellationToken ct) =>
            AnswerAsync([.. _messages.Where(m => m.Seq < (beforeSeq ?? long.MaxValue)).TakeLast(Page)]);

        public Task<IReadOnlyList<ChatMessage>> AroundAsync(long seq, CancellationToken ct) =>
            AnswerAsync([.. _messages.Where(m => m.Seq <= seq).TakeLast(Page / 2), .. _messages.Where(m => m.Seq > seq).Take(Page / 2)]);

        public Task<IReadOnlyList<ChatMessage>> AfterAsync(long afterSeq, int limit, CancellationToken ct) =>
            AnswerAsync([.. _messages.Where(m => m.Seq > afterSeq).Take(limit)]);

        private async Task<IReadOnlyList<ChatMessage>> AnswerAsync(List<ChatMessage> answer)
        {
            Reads++;
            if (_hold is { } hold)
            {
                _hold = null;
                await hold.Task;
            }

            return answer;
        }
    }
}
