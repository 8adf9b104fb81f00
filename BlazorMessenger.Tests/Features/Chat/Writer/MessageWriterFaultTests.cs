using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BlazorMessenger.Tests.Features.Chat.Writer;

/// <summary>Faults injected into a real SQLite database: a lock held elsewhere, a failing disk, a full one.</summary>
public sealed class MessageWriterFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly InjectedFaults _faults = new();

    private Task<ChatTestBed> BedAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Messenger:RateLimits:MessageBurst"] = "10000",
            ["Messenger:RateLimits:MessagesPerMinute"] = "10000",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        return ChatTestBed.CreateAsync(values, time, services =>
            services.ConfigureDbContext<ApplicationDbContext>(db => db.AddInterceptors(_faults)));
    }

    [Fact]
    public async Task A_lock_held_past_the_busy_timeout_fails_each_batch_once_and_the_same_sends_succeed_afterwards()
    {
        await using var bed = await BedAsync(new() { ["Messenger:Database:BusyTimeoutMs"] = "200" });
        var writer = bed.Services.Get<MessageWriter>();
        using var bob = new HubRecorder(bed.Hub, bed.Bob);
        var messages = Enumerable.Range(1, 5).Select(i => new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), $"m{i}")).ToList();
        var attemptsBefore = _faults.Transactions;

        ServiceResult<StoredMessage>[] refused;
        await using (await HeldWriteLock.TakeAsync(bed.Services.DataDirectory))
        {
            refused = await Task.WhenAll(await QueueBehindAHeldBatchAsync(writer, messages));
        }

        Assert.All(refused, r => Assert.Equal(MessageRules.ServerBusy, r.Error));
        Assert.Equal(2, _faults.Transactions - attemptsBefore);
        Assert.Empty(bob.OfType<MessagePosted>());

        var stored = await Task.WhenAll(messages.Select(m => writer.WriteAsync(m, Ct)));
        Assert.All(stored, r => Assert.True(r.Value!.IsNew));
        Assert.Equal([1L, 2, 3, 4, 5], stored.Select(r => r.Value!.Message.Seq).Order());
    }

    [Fact]
    public async Task A_disk_error_fails_the_whole_batch_at_once_instead_of_retrying_its_messages_one_by_one()
    {
        await using var bed = await BedAsync();
        var writer = bed.Services.Get<MessageWriter>();
        var messages = Enumerable.Range(1, 6).Select(i => new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), $"m{i}")).ToList();

        List<Task<ServiceResult<StoredMessage>>> sends;
        int attemptsBefore;
        await using (await HeldWriteLock.TakeAsync(bed.Services.DataDirectory))
        {
            var started = _faults.Transactions;
            sends = await QueueBehindAHeldBatchAsync(writer, messages);
            // The first batch took its message before its transaction began (it then waits for the lock): count from there.
            await Eventually.TrueAsync(() => _faults.Transactions > started, "the first batch's transaction beginning");
            attemptsBefore = _faults.Transactions;
            _faults.DiskErrors = true;
        }

        var refused = await Task.WhenAll(sends);
        _faults.DiskErrors = false;

        Assert.All(refused, r => Assert.Equal(MessageRules.ServerBusy, r.Error));
        Assert.Equal(1, _faults.Transactions - attemptsBefore);
        Assert.Empty(await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct));
    }

    [Fact]
    public async Task A_full_database_refuses_the_batch_with_a_clear_answer_and_stores_nothing_half()
    {
        await using var bed = await BedAsync();
        var writer = bed.Services.Get<MessageWriter>();
        var small = new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "before the disk filled");
        var big = Enumerable.Range(1, 20).Select(i => new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), new string('x', 3900) + i)).ToList();

        List<Task<ServiceResult<StoredMessage>>> sends;
        await using (await HeldWriteLock.TakeAsync(bed.Services.DataDirectory))
        {
            sends = await QueueBehindAHeldBatchAsync(writer, [small, .. big]);
            _faults.DiskFull = true;
        }

        var results = await Task.WhenAll(sends);
        _faults.DiskFull = false;

        Assert.True(results[0].Succeeded);
        Assert.All(results.Skip(1), r => Assert.Equal(MessageRules.ServerBusy, r.Error));
        Assert.Equal([small.Body], (await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct)).Select(m => m.Body));
        var stored = await Task.WhenAll(big.Select(m => writer.WriteAsync(m, Ct)));
        Assert.Equal(Enumerable.Range(2, 20).Select(i => (long)i), stored.Select(r => r.Value!.Message.Seq).Order());
    }

    [Fact]
    public async Task A_full_queue_answers_busy_at_once_and_what_it_accepted_is_stored()
    {
        await using var bed = await BedAsync(new() { ["Messenger:Writer:MaxQueue"] = "3" });
        var writer = bed.Services.Get<MessageWriter>();

        List<Task<ServiceResult<StoredMessage>>> accepted;
        ServiceResult<StoredMessage> overflow;
        await using (await HeldWriteLock.TakeAsync(bed.Services.DataDirectory))
        {
            accepted = [writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "m0"), Ct)];
            await Eventually.TrueAsync(() => writer.Waiting == 0, "the first batch taking its message");
            accepted.AddRange(Enumerable.Range(1, 3).Select(i => writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), $"m{i}"), Ct)));
            overflow = await writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "one too many"), Ct);
            Assert.DoesNotContain(accepted, t => t.IsCompleted);
        }

        Assert.Equal(MessageRules.ServerBusy, overflow.Error);
        Assert.All(await Task.WhenAll(accepted), r => Assert.True(r.Succeeded));
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal(["m0", "m1", "m2", "m3"], stored.Select(m => m.Body));
    }

    [Fact]
    public async Task A_send_still_waiting_at_its_deadline_is_withdrawn_while_one_already_being_written_is_stored()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bed = await BedAsync(new() { ["Messenger:Writer:SendTimeoutSeconds"] = "10" }, time);
        var writer = bed.Services.Get<MessageWriter>();

        Task<ServiceResult<StoredMessage>> taken, waiting;
        await using (await HeldWriteLock.TakeAsync(bed.Services.DataDirectory))
        {
            taken = writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "being written"), Ct);
            await Eventually.TrueAsync(() => writer.Waiting == 0, "the first batch taking its message");
            waiting = writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "still queued"), Ct);
            time.Advance(TimeSpan.FromSeconds(10));
            Assert.Equal(MessageRules.ServerBusy, (await waiting).Error);
            Assert.False(taken.IsCompleted);
        }

        Assert.True((await taken).Succeeded);
        await Eventually.TrueAsync(() => writer.Waiting == 0, "the writer passing the withdrawn send");
        Assert.True((await writer.WriteAsync(new NewMessage(bed.Alice, bed.ConversationId, Guid.NewGuid(), "later"), Ct)).Succeeded);
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal(["being written", "later"], stored.Select(m => m.Body));
    }

    /// <summary>
    /// Call while another connection holds the write lock: the first message's batch waits for the lock, and the rest
    /// wait behind it, so the writer takes them together as its next batch.
    /// </summary>
    private static async Task<List<Task<ServiceResult<StoredMessage>>>> QueueBehindAHeldBatchAsync(MessageWriter writer, IReadOnlyList<NewMessage> messages)
    {
        var sends = new List<Task<ServiceResult<StoredMessage>>> { writer.WriteAsync(messages[0], Ct) };
        await Eventually.TrueAsync(() => writer.Waiting == 0, "the first batch taking its message");
        sends.AddRange(messages.Skip(1).Select(m => writer.WriteAsync(m, Ct)));
        await Eventually.TrueAsync(() => writer.Waiting == messages.Count - 1, "the rest waiting for the next batch");
        return sends;
    }
}
