using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Features.Chat.Writer;

[BothDatabases]
public sealed class MessageWriterTests
{
    private static readonly Dictionary<string, string?> Unlimited = new()
    {
        ["Messenger:RateLimits:MessageBurst"] = "10000",
        ["Messenger:RateLimits:MessagesPerMinute"] = "10000",
    };

    /// <summary>For the tests that hold SQLite's write lock to make sends wait.</summary>
    private static readonly Dictionary<string, string?> UnlimitedOnSqlite = new(Unlimited.Concat(TestServices.OnSqlite));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sends_arriving_while_a_batch_is_written_share_the_next_commit_each_with_its_own_gapless_seq()
    {
        await using var bed = await ChatTestBed.CreateAsync(UnlimitedOnSqlite);
        var writer = bed.Services.Get<MessageWriter>();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);
        var commitsBefore = writer.Commits;

        Task<ServiceResult<StoredMessage>> first;
        Task<ServiceResult<StoredMessage>[]> rest;
        await using (await HeldWriteLock.TakeAsync(bed.Services.DataDirectory))
        {
            first = writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "m0"), Ct);
            await Eventually.TrueAsync(() => writer.Waiting == 0, "the first batch taking its message");
            rest = Task.WhenAll(Enumerable.Range(1, 199).Select(i =>
                writer.WriteAsync(new NewMessage(i % 2 == 0 ? bed.Alice : bed.Bob, bed.ConversationId, Guid.NewGuid(), $"m{i}"), Ct)));
            await Eventually.TrueAsync(() => writer.Waiting == 199, "199 sends waiting behind the first");
        }

        var sent = (await rest).Prepend(await first).ToList();
        Assert.All(sent, r => Assert.True(r.Succeeded && r.Value!.IsNew));
        Assert.Equal(2, writer.Commits - commitsBefore);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), sent.Select(r => r.Value!.Message.Seq).Order());
        await Eventually.TrueAsync(() => bob.OfType<MessagePosted>().Count == 200, "200 messages published");
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), bob.OfType<MessagePosted>().Select(p => p.Message.Seq));
    }

    [Fact]
    public async Task One_sender_waiting_for_each_message_gets_every_one_stored_and_published_in_order()
    {
        await using var bed = await ChatTestBed.CreateAsync(Unlimited);
        using var bob = new HubRecorder(bed.Hub, bed.Bob);

        for (var i = 1; i <= 40; i++)
        {
            var sent = await bed.SendAsync(bed.Alice, $"m{i}");
            Assert.Equal(i, sent.Seq);
        }

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), bob.OfType<MessagePosted>().Select(p => p.Message.Seq));
        var stored = await bed.Chat.GetAfterAsync(bed.Bob, bed.ConversationId, 0, Ct);
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"m{i}"), stored.Select(m => m.Body));
    }

    [Fact]
    public async Task An_outsider_in_a_batch_is_refused_alone_and_a_repeated_client_id_in_the_same_batch_is_stored_once()
    {
        await using var bed = await ChatTestBed.CreateAsync(Unlimited);
        var writer = bed.Services.Get<MessageWriter>();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);
        var repeated = Guid.NewGuid();

        var fine = writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "fine"), Ct);
        var outsider = writer.WriteAsync(new NewMessage(bed.Carol, bed.ConversationId, Guid.NewGuid(), "let me in"), Ct);
        var first = writer.WriteAsync(new NewMessage(bed.Bob, bed.ConversationId, repeated, "once"), Ct);
        var second = writer.WriteAsync(new NewMessage(bed.Bob, bed.ConversationId, repeated, "once"), Ct);

        await Assert.ThrowsAsync<NotAMemberException>(() => outsider);
        Assert.True((await fine).Succeeded);
        Assert.Equal((await first).Value!.Message.Id, (await second).Value!.Message.Id);
        Assert.NotEqual((await first).Value!.IsNew, (await second).Value!.IsNew);
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal(["fine", "once"], stored.Select(m => m.Body));
        Assert.Equal(2, bob.OfType<MessagePosted>().Count);
    }

    [Fact]
    public async Task The_send_limit_is_applied_inside_the_batch_and_refused_messages_leave_no_gap()
    {
        await using var bed = await ChatTestBed.CreateAsync(new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:MessageBurst"] = "5",
            ["Messenger:RateLimits:MessagesPerMinute"] = "1",
        });
        var writer = bed.Services.Get<MessageWriter>();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), $"m{i}"), Ct)));

        Assert.Equal(5, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(MessageRules.SlowDown, r.Error));
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal([1L, 2, 3, 4, 5], stored.Select(m => m.Seq));
    }

    [Fact]
    public async Task Once_stopped_it_takes_no_new_sends_and_still_stores_every_one_it_accepted()
    {
        await using var bed = await ChatTestBed.CreateAsync(UnlimitedOnSqlite);
        var writer = bed.Services.Get<MessageWriter>();

        List<Task<ServiceResult<StoredMessage>>> accepted;
        ServiceResult<StoredMessage> late;
        await using (await HeldWriteLock.TakeAsync(bed.Services.DataDirectory))
        {
            accepted = Enumerable.Range(1, 5)
                .Select(i => writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), $"m{i}"), Ct)).ToList();
            writer.Stop();
            late = await writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "too late"), Ct);
            Assert.False(writer.Completion.IsCompleted);
        }

        await writer.Completion.WaitAsync(Ct);
        Assert.Equal(MessageRules.ServerBusy, late.Error);
        Assert.All(await Task.WhenAll(accepted), r => Assert.True(r.Succeeded));
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal(["m1", "m2", "m3", "m4", "m5"], stored.Select(m => m.Body));
    }
}
