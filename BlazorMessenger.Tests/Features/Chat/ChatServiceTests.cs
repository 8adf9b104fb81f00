using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Features.Chat;

[BothDatabases]
public sealed class ChatServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Someone_outside_the_conversation_can_neither_read_send_nor_mark_it()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, "private");

        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.GetPageAsync(bed.Carol, bed.ConversationId, null, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.GetAfterAsync(bed.Carol, bed.ConversationId, 0, Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Chat.SendAsync(bed.Carol, bed.ConversationId, Guid.NewGuid(), "hi", ct: Ct));
        await Assert.ThrowsAsync<NotAMemberException>(() => bed.Receipts.MarkReadAsync(bed.Carol, bed.ConversationId, 1, Ct));
        Assert.Null(await bed.Chat.OpenDirectAsync(bed.Carol, "alice", Ct));
        Assert.Empty(await bed.Lists.ListAsync(bed.Carol, Ct));
        Assert.Single(await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, null, Ct));
    }

    [Fact]
    public async Task A_repeated_client_message_id_returns_the_same_message_and_publishes_once()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);
        var clientId = Guid.NewGuid();

        var first = await bed.Chat.SendAsync(bed.Alice, bed.ConversationId, clientId, "hello", ct: Ct);
        var again = await bed.Chat.SendAsync(bed.Alice, bed.ConversationId, clientId, "hello", ct: Ct);
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            bed.Chat.SendAsync(bed.Alice, bed.ConversationId, clientId, "hello", ct: Ct)));

        Assert.Equal(first.Value!.Id, again.Value!.Id);
        Assert.All(concurrent, r => Assert.Equal(first.Value.Id, r.Value!.Id));
        Assert.Single(await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, null, Ct));
        Assert.Single(bob.OfType<MessagePosted>());
    }

    [Fact]
    public async Task Concurrent_senders_get_unique_gapless_sequence_numbers()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:MessageBurst"] = "100",
        });

        var sends = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            Task.Run(() => bed.SendAsync(bed.Alice, $"a{i}"), Ct),
            Task.Run(() => bed.SendAsync(bed.Bob, $"b{i}"), Ct),
        });
        var sent = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), sent.Select(m => m.Seq).Order());
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal(sent.OrderBy(m => m.Seq).Select(m => m.Id), stored.Select(m => m.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData(null)]
    public async Task A_blank_message_is_refused_and_nothing_is_stored(string? text)
    {
        await using var bed = await ChatTestBed.CreateAsync();

        var result = await bed.Chat.SendAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), text, ct: Ct);

        Assert.Equal(MessageRules.Empty, result.Error);
        Assert.Empty(await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct));
    }

    [Fact]
    public async Task A_message_over_4000_characters_is_refused_and_one_of_4000_is_kept_whole()
    {
        await using var bed = await ChatTestBed.CreateAsync();

        var tooLong = await bed.Chat.SendAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), new string('x', 4001), ct: Ct);
        var longest = await bed.SendAsync(bed.Alice, "  " + new string('y', 4000) + "  ");

        Assert.Equal(MessageRules.TooLong, tooLong.Error);
        Assert.Equal(4000, longest.Body.Length);
        Assert.Single(await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct));
    }

    [Fact]
    public async Task Sending_too_fast_is_refused_per_user_and_stores_nothing()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:MessageBurst"] = "3",
            ["Messenger:RateLimits:MessagesPerMinute"] = "1",
        });
        for (var i = 0; i < 3; i++)
        {
            await bed.SendAsync(bed.Alice, $"m{i}");
        }

        var refused = await bed.Chat.SendAsync(bed.Alice, bed.ConversationId, Guid.NewGuid(), "one too many", ct: Ct);
        var bobStillSends = await bed.Chat.SendAsync(bed.Bob, bed.ConversationId, Guid.NewGuid(), "fine", ct: Ct);

        Assert.Equal(MessageRules.SlowDown, refused.Error);
        Assert.True(bobStillSends.Succeeded);
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal(["m0", "m1", "m2", "fine"], stored.Select(m => m.Body));
    }

    [Fact]
    public async Task A_recipient_who_was_offline_finds_the_messages_in_order_with_the_unread_count()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        foreach (var text in new[] { "one", "two", "three" })
        {
            await bed.SendAsync(bed.Alice, text);
        }

        var bobsList = await bed.Lists.ListAsync(bed.Bob, Ct);
        var open = await bed.Chat.OpenDirectAsync(bed.Bob, "ALICE", Ct);
        var page = await bed.Chat.GetPageAsync(bed.Bob, open!.Id, null, Ct);

        var summary = Assert.Single(bobsList);
        Assert.Equal(3, summary.Unread);
        Assert.Equal("three", summary.LastMessagePreview);
        Assert.Equal("Alice A.", summary.Name);
        Assert.Equal(["one", "two", "three"], page.Select(m => m.Body));
        Assert.Equal(0, (await bed.Lists.ListAsync(bed.Alice, Ct)).Single().Unread);
    }

    [Fact]
    public async Task Sending_marks_everything_up_to_ones_own_message_read_and_the_other_sees_their_message_read()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var seen = await bed.SendAsync(bed.Alice, "seen");
        await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, seen.Seq, Ct);
        var reply = await bed.SendAsync(bed.Bob, "my reply");
        await bed.Receipts.MarkReadAsync(bed.Alice, bed.ConversationId, reply.Seq, Ct);
        Assert.Equal(0, await UnreadAsync(bed, bed.Bob));

        var unseen = await bed.SendAsync(bed.Alice, "arrived while bob's tab was hidden");
        await bed.SendAsync(bed.Bob, "sent from bob's outbox after a reconnect");

        // As in every messenger, answering means having read what came before; one's own message is never unread.
        await Eventually.TrueAsync(async () => await UnreadAsync(bed, bed.Bob) == 0, "bob's unread count at 0");
        Assert.Equal(1, await UnreadAsync(bed, bed.Alice));
        var alicesTicks = await bed.Receipts.PositionsAsync(bed.Alice, bed.ConversationId, Ct);
        Assert.Equal(ReceiptStatus.Read, alicesTicks.StatusOf(unseen.Seq));
    }

    private static async Task<long> UnreadAsync(ChatTestBed bed, string userId) =>
        (await bed.Lists.ListAsync(userId, Ct)).Single().Unread;

    [Fact]
    public async Task Catching_up_after_a_gap_returns_exactly_the_missing_messages()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var seen = await bed.SendAsync(bed.Alice, "seen");
        await bed.SendAsync(bed.Bob, "missed 1");
        await bed.SendAsync(bed.Alice, "missed 2");

        var missing = await bed.Chat.GetAfterAsync(bed.Bob, bed.ConversationId, seen.Seq, Ct);

        Assert.Equal(["missed 1", "missed 2"], missing.Select(m => m.Body));
        Assert.Equal([seen.Seq + 1, seen.Seq + 2], missing.Select(m => m.Seq));
    }

    [Fact]
    public async Task History_pages_backwards_by_sequence_fifty_at_a_time()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await SeedMessagesAsync(bed, 120);

        var newest = await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, null, Ct);
        var older = await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, newest[0].Seq, Ct);
        var oldest = await bed.Chat.GetPageAsync(bed.Bob, bed.ConversationId, older[0].Seq, Ct);

        Assert.Equal(Enumerable.Range(71, 50).Select(i => (long)i), newest.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(21, 50).Select(i => (long)i), older.Select(m => m.Seq));
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), oldest.Select(m => m.Seq));
    }

    [Fact]
    public async Task Marking_read_clears_the_unread_count_never_goes_back_and_tells_the_readers_other_tabs()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        await bed.SendAsync(bed.Alice, "one");
        var two = await bed.SendAsync(bed.Alice, "two");
        using var bobsTabs = new HubRecorder(bed.Hub, bed.Bob);

        Assert.Equal(two.Seq, await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, 999, Ct));
        Assert.Equal(two.Seq, await bed.Receipts.MarkReadAsync(bed.Bob, bed.ConversationId, 1, Ct));

        Assert.Equal(0, (await bed.Lists.ListAsync(bed.Bob, Ct)).Single().Unread);
        var read = Assert.Single(bobsTabs.OfType<ReadStateChanged>());
        Assert.Equal(two.Seq, read.LastReadSeq);
    }

    [Fact]
    public async Task A_message_is_in_the_database_before_anyone_hears_of_it()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var foundAtDelivery = new List<bool>();
        var db = bed.Services.Get<IDbContextFactory<ApplicationDbContext>>();
        using var subscription = bed.Hub.Subscribe(bed.Bob, e =>
        {
            if (e is MessagePosted posted)
            {
                using var check = db.CreateDbContext();
                foundAtDelivery.Add(check.Messages.Any(m => m.Id == posted.Message.Id));
            }
        });

        await bed.SendAsync(bed.Alice, "persist, then publish");

        Assert.Equal([true], foundAtDelivery);
    }

    private static async Task SeedMessagesAsync(ChatTestBed bed, int count)
    {
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
        var now = DateTime.UtcNow;
        db.Messages.AddRange(Enumerable.Range(1, count).Select(i => new Message
        {
            ConversationId = bed.ConversationId, Seq = i, SenderId = bed.Alice, ClientMessageId = Guid.NewGuid(),
            Body = $"m{i}", CreatedUtc = now,
        }));
        await db.Conversations.Where(c => c.Id == bed.ConversationId).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeq, count), Ct);
        await db.SaveChangesAsync(Ct);
    }
}
