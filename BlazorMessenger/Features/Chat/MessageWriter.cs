using System.Threading.Channels;
using BlazorMessenger.Data;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

/// <summary>A message to store. Image messages bring their Media row (files already written) and skip the send limit.</summary>
public sealed record NewMessage(
    string SenderId, long ConversationId, Guid ClientMessageId, string Body, Data.Media? Media = null)
{
    public bool CountsAgainstSendLimit => Media is null;
}

/// <summary>The stored message, and whether this call stored it (false when its client id had been stored before).</summary>
public sealed record StoredMessage(ChatMessage Message, bool IsNew);

/// <summary>
/// Group commit. One writer loop takes every send waiting at that moment and stores them in one transaction, so a burst
/// of concurrent senders pays for one durable commit instead of one each. Per message it checks, in this order,
/// membership, a repeated client id and the per-user send limit; it assigns the next Seq, commits, publishes each new
/// message to the hub in Seq order, and only then completes the callers' tasks.
/// </summary>
public sealed class MessageWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<ApplicationDbContext> _dbFactory;
    private readonly IMessengerHub _hub;
    private readonly UserRateLimiter _rateLimiter;
    private readonly TimeProvider _time;
    private readonly ILogger<MessageWriter> _logger;
    private readonly Task _loop;
    private long _commits;

    public MessageWriter(
        IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, UserRateLimiter rateLimiter, TimeProvider time,
        ILogger<MessageWriter> logger)
    {
        _dbFactory = dbFactory;
        _hub = hub;
        _rateLimiter = rateLimiter;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>How many transactions the writer has committed (benchmarks and tests read it to see batching).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Stores the message (or finds it stored before) and completes after the commit. Throws
    /// <see cref="NotAMemberException"/> for a sender outside the conversation; a refusal by the send limit is a failed result.
    /// </summary>
    public Task<ServiceResult<StoredMessage>> WriteAsync(NewMessage message, CancellationToken ct = default)
    {
        var pending = new Pending(message);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(MessageWriter));
        }

        // A caller that stops waiting does not take the message back: a retry with the same client id finds it.
        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteBatchAsync(batch);
            }
            catch (Exception ex) when (batch.Count > 1)
            {
                // One bad message must not fail the others: store them one at a time.
                _logger.LogWarning(ex, "A batch of {Count} messages failed; storing them one at a time.", batch.Count);
                foreach (var pending in batch)
                {
                    await WriteAloneAsync(pending);
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteAloneAsync(Pending pending)
    {
        try
        {
            await WriteBatchAsync([pending]);
        }
        catch (Exception ex)
        {
            pending.Done.TrySetException(ex);
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = await _dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var state = await BatchState.LoadAsync(db, batch);

        var outcomes = new List<(Pending Pending, ServiceResult<StoredMessage>? Result, Message? Entity)>(batch.Count);
        var firstByKey = new Dictionary<(string, Guid), Message>();
        foreach (var pending in batch)
        {
            var m = pending.Message;
            if (!state.Members.TryGetValue((m.ConversationId, m.SenderId), out var sender))
            {
                outcomes.Add((pending, null, null));
                continue;
            }

            if (state.Earlier.TryGetValue((m.SenderId, m.ClientMessageId), out var earlier))
            {
                outcomes.Add((pending, ServiceResult<StoredMessage>.Ok(new StoredMessage(earlier, false)), null));
                continue;
            }

            if (firstByKey.TryGetValue((m.SenderId, m.ClientMessageId), out var sameInBatch))
            {
                outcomes.Add((pending, null, sameInBatch));
                continue;
            }

            if (m.CountsAgainstSendLimit && !pending.Charged && !_rateLimiter.TryAcquire(RateLimitedAction.SendMessage, m.SenderId))
            {
                outcomes.Add((pending, ServiceResult<StoredMessage>.Fail(MessageRules.SlowDown), null));
                continue;
            }

            pending.Charged = true;
            var conversation = state.Conversations[m.ConversationId];
            conversation.LastSeq++;
            conversation.LastMessageUtc = now;
            sender.LastReadSeq = conversation.LastSeq;
            var entity = NewEntity(m, conversation.LastSeq, now);
            db.Messages.Add(entity);
            firstByKey[(m.SenderId, m.ClientMessageId)] = entity;
            outcomes.Add((pending, null, entity));
        }

        if (firstByKey.Count > 0)
        {
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            Interlocked.Increment(ref _commits);
        }

        Complete(outcomes, state);
    }

    private void Complete(List<(Pending Pending, ServiceResult<StoredMessage>? Result, Message? Entity)> outcomes, BatchState state)
    {
        var published = new HashSet<Message>();
        foreach (var (pending, _, entity) in outcomes)
        {
            if (entity is not null && published.Add(entity))
            {
                _hub.Publish(state.MemberIds[entity.ConversationId], new MessagePosted(ToRecord(entity)));
            }
        }

        var isNew = new HashSet<Message>();
        foreach (var (pending, result, entity) in outcomes)
        {
            if (result is not null)
            {
                pending.Done.TrySetResult(result);
            }
            else if (entity is not null)
            {
                pending.Done.TrySetResult(ServiceResult<StoredMessage>.Ok(new StoredMessage(ToRecord(entity), isNew.Add(entity))));
            }
            else
            {
                pending.Done.TrySetException(new NotAMemberException(pending.Message.ConversationId));
            }
        }
    }

    private static Message NewEntity(NewMessage m, long seq, DateTime now)
    {
        if (m.Media is not null)
        {
            m.Media.CreatedUtc = now;
        }

        return new Message
        {
            ConversationId = m.ConversationId,
            Seq = seq,
            SenderId = m.SenderId,
            ClientMessageId = m.ClientMessageId,
            Kind = m.Media is null ? MessageKind.Text : MessageKind.Image,
            Body = m.Body,
            CreatedUtc = now,
            Media = m.Media,
        };
    }

    private static ChatMessage ToRecord(Message entity)
    {
        var media = entity.Media;
        var image = media is null ? null : new ChatImage(media.Id, media.Width, media.Height, media.ThumbWidth, media.ThumbHeight);
        return new ChatMessage(
            entity.Id, entity.ConversationId, entity.Seq, entity.SenderId, entity.ClientMessageId, entity.Kind, entity.Body,
            entity.CreatedUtc, null, image);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed class Pending(NewMessage message)
    {
        public NewMessage Message { get; } = message;

        /// <summary>Taken from the send limit already, so a retry of a failed batch does not charge it twice.</summary>
        public bool Charged { get; set; }

        public TaskCompletionSource<ServiceResult<StoredMessage>> Done { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>What one batch reads before it writes: three queries, whatever the batch size.</summary>
    private sealed record BatchState(
        Dictionary<long, Conversation> Conversations,
        Dictionary<(long, string), ConversationMember> Members,
        Dictionary<long, List<string>> MemberIds,
        Dictionary<(string, Guid), ChatMessage> Earlier)
    {
        public static async Task<BatchState> LoadAsync(ApplicationDbContext db, List<Pending> batch)
        {
            var conversationIds = batch.Select(p => p.Message.ConversationId).Distinct().ToList();
            var senderIds = batch.Select(p => p.Message.SenderId).Distinct().ToList();
            var clientIds = batch.Select(p => p.Message.ClientMessageId).Distinct().ToList();

            var conversations = await db.Conversations.Where(c => conversationIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
            var members = await db.ConversationMembers.Where(m => conversationIds.Contains(m.ConversationId)).ToListAsync();
            var earlier = await db.Messages.AsNoTracking()
                .Where(m => senderIds.Contains(m.SenderId) && clientIds.Contains(m.ClientMessageId))
                .Select(ChatService.ToRecord)
                .ToListAsync();

            return new BatchState(
                conversations,
                members.ToDictionary(m => (m.ConversationId, m.UserId)),
                members.GroupBy(m => m.ConversationId).ToDictionary(g => g.Key, g => g.Select(m => m.UserId).ToList()),
                earlier.ToDictionary(m => (m.SenderId, m.ClientMessageId)));
        }
    }
}
