using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.List;
using BlazorMessenger.Realtime;

namespace BlazorMessenger.Tests.Features.Chat.List;

/// <summary>The list's state without a renderer: hub events applied in place, or a reload asked for.</summary>
public sealed class ConversationListStateTests
{
    private const string Me = "me";
    private static readonly DateTime T0 = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ChatPeer Bob = new("bob-id", "bob", null, null);
    private static readonly ChatPeer Carol = new("carol-id", "carol", null, null);

    private static ConversationSummary Direct(long id, ChatPeer peer, long lastSeq, long lastRead, int minutes) =>
        new(id, peer.Name, peer, null, "earlier", peer.UserId, T0.AddMinutes(minutes), lastSeq, lastRead, MessageKind.Text, peer.Name);

    private static ConversationSummary Group(long id, long lastSeq, int minutes) =>
        new(id, "Team", null, null, "earlier", Bob.UserId, T0.AddMinutes(minutes), lastSeq, lastSeq, MessageKind.Text, Bob.Name);

    private static ChatMessage Message(long conversationId, long seq, string sender, string body, int minutes, MessageKind kind = MessageKind.Text) =>
        new(seq * 100, conversationId, seq, sender, Guid.NewGuid(), kind, body, T0.AddMinutes(minutes), null);

    private static ConversationListState Loaded(params ConversationSummary[] conversations)
    {
        var state = new ConversationListState(Me);
        state.Load(conversations, userId => userId == Bob.UserId);
        return state;
    }

    [Fact]
    public void A_new_message_moves_its_conversation_to_the_top_with_its_preview_and_unread_count()
    {
        var state = Loaded(Direct(1, Bob, 3, 3, 1), Direct(2, Carol, 5, 5, 2));

        Assert.Equal(ListUpdate.Changed, state.Apply(new MessagePosted(Message(1, 4, Bob.UserId, "**hi** there", 10))));

        Assert.Equal(new[] { 1L, 2L }, state.Conversations.Select(c => c.Id));
        var bob = state.Find(1)!;
        Assert.Equal(("hi there", 4L, 1L), (bob.LastMessagePreview, bob.LastSeq, bob.Unread));
        Assert.Equal("bob", bob.LastMessageSenderName);
    }

    [Fact]
    public void Ones_own_message_marks_the_conversation_read_up_to_it_even_past_unseen_messages()
    {
        var state = Loaded(Direct(1, Bob, 3, 3, 1), Direct(2, Carol, 5, 4, 2));

        state.Apply(new MessagePosted(Message(1, 4, Me, "mine", 10)));
        state.Apply(new MessagePosted(Message(2, 6, Me, "mine too", 11)));
        state.Apply(new MessagePosted(Message(2, 7, Carol.UserId, "after mine", 12)));

        Assert.Equal(0, state.Find(1)!.Unread);
        Assert.Equal(1, state.Find(2)!.Unread);
    }

    [Fact]
    public void A_message_the_list_has_already_is_not_applied_twice()
    {
        var state = Loaded(Direct(1, Bob, 4, 3, 1));

        Assert.Equal(ListUpdate.Changed, state.Apply(new MessagePosted(Message(1, 4, Bob.UserId, "again", 10))));

        Assert.Equal(("earlier", 1L), (state.Find(1)!.LastMessagePreview, state.Find(1)!.Unread));
    }

    [Theory]
    [InlineData("a system line", MessageKind.System, "bob-id")]
    [InlineData("hello <@carol-id>", MessageKind.Text, "bob-id")]
    [InlineData("from someone the list has not named", MessageKind.Text, "dave-id")]
    public void What_the_event_cannot_tell_reads_the_list_again(string body, MessageKind kind, string sender)
    {
        var state = Loaded(Group(7, 2, 1));

        Assert.Equal(ListUpdate.Reload, state.Apply(new MessagePosted(Message(7, 3, sender, body, 5, kind))));
        Assert.Equal(2, state.Find(7)!.LastSeq);
    }

    [Fact]
    public void Group_changes_profiles_and_unknown_conversations_read_the_list_again()
    {
        var state = Loaded(Direct(1, Bob, 3, 3, 1));

        Assert.Equal(ListUpdate.Reload, state.Apply(new ConversationChanged(1, "You were added")));
        Assert.Equal(ListUpdate.Reload, state.Apply(new ProfileChanged(Bob.UserId, "Bobby", null)));
        Assert.Equal(ListUpdate.Reload, state.Apply(new MessagePosted(Message(99, 1, Bob.UserId, "new chat", 5))));
    }

    [Fact]
    public void An_edit_or_delete_of_the_last_message_changes_the_preview_and_of_an_older_one_nothing()
    {
        var state = Loaded(Direct(1, Bob, 3, 3, 1));

        Assert.Equal(ListUpdate.None, state.Apply(new MessageChanged(Message(1, 2, Bob.UserId, "older, edited", 0))));
        Assert.Equal(ListUpdate.Changed, state.Apply(new MessageChanged(Message(1, 3, Bob.UserId, "edited", 1))));
        Assert.Equal("edited", state.Find(1)!.LastMessagePreview);
        Assert.Equal(ListUpdate.Changed, state.Apply(new MessageChanged(Message(1, 3, Bob.UserId, "", 1) with { DeletedUtc = T0 })));
        Assert.Equal(MessageRules.DeletedText, state.Find(1)!.LastMessagePreview);
        Assert.Equal(ListUpdate.Reload, state.Apply(new MessageChanged(Message(1, 3, Bob.UserId, "now <@me>", 1))));
    }

    [Fact]
    public void Reading_elsewhere_clears_the_count_but_never_goes_back_and_a_mention_count_reads_again()
    {
        var state = Loaded(Direct(1, Bob, 9, 3, 1), Direct(2, Carol, 5, 1, 2) with { MentionsOfMe = 1 });

        state.Apply(new ReadStateChanged(1, 7));
        state.Apply(new ReadStateChanged(1, 5));

        Assert.Equal(2, state.Find(1)!.Unread);
        Assert.Equal(ListUpdate.Reload, state.Apply(new ReadStateChanged(2, 5)));
        Assert.Equal(ListUpdate.None, state.Apply(new ReadStateChanged(42, 5)));
    }

    [Fact]
    public void Presence_comes_from_the_snapshot_and_then_from_events()
    {
        var state = Loaded(Direct(1, Bob, 3, 3, 1), Direct(2, Carol, 5, 5, 2));
        Assert.Equal(new[] { "bob-id" }, state.Online);

        state.Apply(new PresenceChanged(Carol.UserId, true, null));
        state.Apply(new PresenceChanged(Bob.UserId, false, T0));

        Assert.Equal(new[] { "carol-id" }, state.Online);
    }

    [Fact]
    public void A_snapshot_older_than_events_applied_meanwhile_keeps_the_later_message_and_positions_but_takes_names()
    {
        var state = Loaded(Direct(1, Bob, 3, 3, 1));
        state.Apply(new MessagePosted(Message(1, 4, Bob.UserId, "live", 10)));
        state.MarkDelivered(new Dictionary<long, long> { [1] = 4 });

        state.Load([Direct(1, Bob with { DisplayName = "Bobby" }, 3, 2, 1) with { Name = "Bobby" }], _ => false);

        var bob = state.Find(1)!;
        Assert.Equal(("live", 4L, 3L, 4L, "Bobby"), (bob.LastMessagePreview, bob.LastSeq, bob.LastReadSeq, bob.DeliveredSeq, bob.Name));
    }

    [Fact]
    public void Filtering_matches_names_and_usernames_and_leaves_requests_and_muted_counts_out()
    {
        var muted = T0.AddDays(1);
        var state = Loaded(
            Direct(1, Bob with { DisplayName = "Robert" }, 5, 2, 1) with { Name = "Robert" },
            Direct(2, Carol, 4, 0, 2) with { MutedUntilUtc = muted },
            Direct(3, new ChatPeer("dave-id", "dave", null, null), 1, 0, 3) with { IsRequest = true });

        Assert.Equal(new[] { 1L }, state.Matching("BOB").Select(c => c.Id));
        Assert.Equal(new[] { 1L }, state.Matching("rob").Select(c => c.Id));
        Assert.Equal(new[] { 2L, 1L }, state.Matching(" ").Select(c => c.Id));
        Assert.Equal(new[] { 3L }, state.Requests.Select(c => c.Id));
        Assert.Equal(3, state.UnreadNotMuted(until => until == muted));
    }

    [Fact]
    public void Delivery_reports_each_conversations_newest_message_once()
    {
        var state = Loaded(Direct(1, Bob, 3, 3, 1), Direct(2, Carol, 5, 5, 2) with { DeliveredSeq = 5 }, Group(7, 2, 3) with { EndedSeq = 2 });

        var shown = state.Undelivered();
        Assert.Equal(new Dictionary<long, long> { [1] = 3 }, shown);
        state.MarkDelivered(shown);

        Assert.Empty(state.StillUndelivered(shown));
        Assert.Empty(state.Undelivered());
    }
}
