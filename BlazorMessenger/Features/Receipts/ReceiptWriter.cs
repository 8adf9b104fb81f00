using System.Threading.Channels;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Push;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Receipts;

/// <summary>
/// Delivered and read positions, batched like the message writer: one loop takes every mark waiting at that moment,
/// keeps the furthest per member and conversation, and stores them in one SaveChanges (one row update per member and
/// conversation, plus a history row per advance in a group for "Message info"). Positions never move back and never pass
/// what the member may read. After the commit the reader's own tabs hear of a read (their unread counts follow) and the
/// senders of the messages just passed hear of the new positions (their ticks follow); a read position goes only where
/// both sides share read receipts.
/// </summary>
public sealed class ReceiptWriter : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IDbContextFactory<ApplicationDbContext> _dbFactory;
    private readonly IMessengerHub _hub;
    private readonly PushQueue _push;
    private readonly TimeProvider _time;
    private readonly ILogger<ReceiptWriter> _logger;
    private readonly Task _loop;

    public ReceiptWriter(
        IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, TimeProvider time, ILogger<ReceiptWriter> logger, PushQueue push)
    {
        (_dbFactory, _hub, _time, _logger, _push) = (dbFactory, hub, time, logger, push);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>
    /// Moves the member's position of this kind up to seq (reading moves delivery too) and answers the position stored.
    /// Throws <see cref="NotAMemberException"/> for someone who was never in the conversation.
    /// </summary>
    public Task<long> MarkAsync(string userId, long conversationId, long seq, ReceiptKind kind, CancellationToken ct = default)
    {
        var pending = new Pending(userId, conversationId, seq, kind);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(ReceiptWriter));
        }

        return pending.Done.Task.WaitAsync(ct);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (_queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                await WriteWithRetryAsync(batch);
            }
            catch (Exception ex)
            {
                // A mark is a report the browser repeats with its next look: fail this batch, keep the loop.
                _logger.LogWarning(ex, "Storing {Count} receipt marks failed.", batch.Count);
                batch.ForEach(p => p.Done.TrySetException(ex));
            }
        }
    }

    /// <summary>PostgreSQL may undo the batch for a deadlock with another instance's writer: it goes again (twice at most).</summary>
    private async Task WriteWithRetryAsync(List<Pending> batch)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await WriteAsync(batch);
                return;
            }
            catch (Exception ex) when (attempt < 2 && WriterFaults.IsConflict(ex))
            {
                _logger.LogInformation("Receipt marks met another writer's transaction; writing them again.");
            }
        }
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        var userIds = batch.Select(p => p.UserId).Distinct().ToList();
        var conversationIds = batch.Select(p => p.ConversationId).Distinct().ToList();
        await using var db = await _dbFactory.CreateDbContextAsync();
        // A receipt is not worth a disk flush of its own: it reaches the disk with the next message's commit or the
        // next checkpoint, and one lost in a power cut is reported again by the tab's next look. Without this each
        // mark waited for (and made the next message wait for) an fsync.
        await db.Database.OpenConnectionAsync();
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = NORMAL");
        }

        // The rows read here are the ones written back, with no group change (a member re-added, their positions reset)
        // or another instance's writer committing in between: SQLite's BEGIN IMMEDIATE (Microsoft.Data.Sqlite's
        // default) excludes every other writer; on PostgreSQL the rows are locked, in the order the message writer
        // takes them.
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit = off");
            await db.Database.ExecuteSqlAsync($"""
                SELECT 1 FROM "ConversationMembers" WHERE "UserId" = ANY({userIds.ToArray()}) AND "ConversationId" = ANY({conversationIds.ToArray()})
                ORDER BY "ConversationId", "UserId" COLLATE "C" FOR UPDATE
                """);
        }

        var rows = (await db.ConversationMembers
                .Where(m => userIds.Contains(m.UserId) && conversationIds.Contains(m.ConversationId))
                .Reach()
                .Select(r => new { r.Member, r.UpTo, r.Member.Conversation!.Kind, r.Member.User!.HidesReadReceipts })
                .ToListAsync())
            .ToDictionary(r => (r.Member.ConversationId, r.Member.UserId));

        var moves = new List<Move>();
        foreach (var group in batch.GroupBy(p => (p.ConversationId, p.UserId)))
        {
            if (!rows.TryGetValue(group.Key, out var row))
            {
                group.ToList().ForEach(p => p.Done.TrySetException(new NotAMemberException(p.ConversationId)));
                continue;
            }

            var member = row.Member;
            var (oldDelivered, oldRead) = (member.DeliveredSeq, member.LastReadSeq);

            var read = Math.Max(oldRead, Math.Min(row.UpTo, group.Where(p => p.Kind == ReceiptKind.Read).Select(p => p.Seq).DefaultIfEmpty(0).Max()));
            var delivered = Math.Max(Math.Max(oldDelivered, read), Math.Min(row.UpTo, group.Max(p => p.Seq)));
            (member.LastReadSeq, member.DeliveredSeq) = (read, delivered);
            if (row.Kind == ConversationKind.Group)
            {
                AddHistory(db, member, ReceiptKind.Delivered, oldDelivered, delivered, now);
                AddHistory(db, member, ReceiptKind.Read, oldRead, read, now);
            }

            moves.Add(new Move([.. group], member.ConversationId, member.UserId, oldDelivered, delivered, oldRead, read, row.HidesReadReceipts,
                member.RequestedUtc is not null));
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        foreach (var move in moves)
        {
            await PublishAsync(db, move);
            move.Pending.ForEach(p => p.Done.TrySetResult(p.Kind == ReceiptKind.Read ? move.Read : move.Delivered));
        }
    }

    private static void AddHistory(ApplicationDbContext db, ConversationMember member, ReceiptKind kind, long before, long after, DateTime now)
    {
        if (after > before)
        {
            db.Receipts.Add(new Receipt { ConversationId = member.ConversationId, UserId = member.UserId, Kind = kind, Seq = after, AtUtc = now });
        }
    }

    /// <summary>The reader's tabs hear of a read; the current members whose messages were just passed hear of both positions.</summary>
    private async Task PublishAsync(ApplicationDbContext db, Move move)
    {
        if (move.Read > move.OldRead)
        {
            _hub.Publish([move.UserId], new ReadStateChanged(move.ConversationId, move.Read));
            _push.Read(move.UserId, move.ConversationId, move.Read);
        }

        // A message request gives the stranger no ticks: they would tell them the recipient is around.
        if ((move.Delivered <= move.OldDelivered && move.Read <= move.OldRead) || move.Request)
        {
            return;
        }

        // Reading never passes delivery, so everything between the old read position and the new delivered one is new to someone.
        var senders = await db.ConversationMembers.AsNoTracking().Current()
            .Where(m => m.ConversationId == move.ConversationId && m.UserId != move.UserId
                        && db.Messages.Any(x => x.ConversationId == move.ConversationId && x.SenderId == m.UserId && x.Seq > move.OldRead && x.Seq <= move.Delivered))
            .Select(m => new { m.UserId, m.User!.HidesReadReceipts })
            .ToListAsync();
        foreach (var audience in senders.GroupBy(s => MemberPosition.Shares(s.HidesReadReceipts, move.HidesRead)))
        {
            _hub.Publish(audience.Select(s => s.UserId),
                new ReceiptMoved(move.ConversationId, new MemberPosition(move.UserId, move.Delivered, audience.Key ? move.Read : null)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Move(
        List<Pending> Pending, long ConversationId, string UserId, long OldDelivered, long Delivered, long OldRead, long Read, bool HidesRead,
        bool Request);

    private sealed class Pending(string userId, long conversationId, long seq, ReceiptKind kind)
    {
        public string UserId { get; } = userId;

        public long ConversationId { get; } = conversationId;

        public long Seq { get; } = seq;

        public ReceiptKind Kind { get; } = kind;

        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
