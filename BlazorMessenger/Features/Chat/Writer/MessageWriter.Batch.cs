using BlazorMessenger.Data;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorMessenger.Features.Chat.Writer;

public sealed partial class MessageWriter
{
    /// <summary>
    /// One transaction for the whole batch. Reads are two queries whatever the batch size; writes are plain statements
    /// (EF Core's change tracking cost more than the commit itself at a few hundred rows).
    /// </summary>
    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        await using var db = await _dbFactory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var state = await BatchState.LoadAsync(db, batch);
        await using var sql = new BatchStatements(db.Database.GetDbConnection(), transaction.GetDbTransaction());
        var sentBefore = await sql.FindSentAsync(batch.Select(p => (p.Message.SenderId, p.Message.ClientMessageId)).Distinct().ToList());

        var outcomes = new List<Outcome>(batch.Count);
        var rows = new List<NewRow>();
        var writtenByKey = new Dictionary<(string, Guid), NewRow>();
        foreach (var pending in batch)
        {
            var m = pending.Message;
            var key = (m.SenderId, m.ClientMessageId);
            if (!state.MemberIds.TryGetValue(m.ConversationId, out var members)
                || !(members.Contains(m.SenderId) || (m.ByHook && await state.HookPostsAsync(db, m))))
            {
                outcomes.Add(new Outcome(pending, null, null));
            }
            else if (writtenByKey.TryGetValue(key, out var sameInBatch))
            {
                outcomes.Add(new Outcome(pending, null, sameInBatch));
            }
            else if (sentBefore.TryGetValue(key, out var earlierId))
            {
                var earlier = (await MessageExtras.CompleteAsync(
                    db, [await db.Messages.AsNoTracking().Where(x => x.Id == earlierId).Select(ChatService.ToRecord).SingleAsync()], default))[0];
                outcomes.Add(new Outcome(pending, ServiceResult<StoredMessage>.Ok(new StoredMessage(earlier, false)), null));
            }
            else if (m is { Forwarded: true, Media: { } copy } && !await OriginalStaysAsync(db, copy.StorageKey))
            {
                // The original was deleted (and its files with it) while the forward waited: the copy would show nothing.
                outcomes.Add(new Outcome(pending, ServiceResult<StoredMessage>.Fail(MessageRules.AlreadyDeleted), null));
            }
            else if (m.CountsAgainstSendLimit && !pending.Charged && !state.Bots[m.ConversationId].SentByBot(m.SenderId)
                     && !_rateLimiter.TryAcquire(RateLimitedAction.SendMessage, m.SenderId))
            {
                outcomes.Add(new Outcome(pending, ServiceResult<StoredMessage>.Fail(MessageRules.SlowDown), null));
            }
            else
            {
                pending.Charged = true;
                var seq = state.LastSeq[m.ConversationId] + 1;
                IReadOnlyList<string> alsoTell = [];
                if (m.Change is { } change)
                {
                    var changed = await change(db, seq, now);
                    if (changed.Error is { } refusal)
                    {
                        outcomes.Add(new Outcome(pending, ServiceResult<StoredMessage>.Fail(refusal), null));
                        continue;
                    }

                    m = m with { Body = changed.Text! };
                    alsoTell = changed.AlsoTell ?? [];
                    await state.ReloadMembersAsync(db, m.ConversationId);
                }

                state.LastSeq[m.ConversationId] = seq;
                if (!m.ByHook)
                {
                    state.ReadUpTo[(m.ConversationId, m.SenderId)] = seq;
                }

                // Bots hear people, as Telegram's hear no other bot: a webhook's post reaches none.
                var bots = m.ByHook ? BotsHere.None : state.Bots[m.ConversationId];
                var audience = alsoTell.Count == 0 ? state.MemberIds[m.ConversationId] : [.. state.MemberIds[m.ConversationId], .. alsoTell];
                var row = await NewRow.AddMediaAsync(db, m, seq, now, audience, bots);
                rows.Add(row);
                writtenByKey[key] = row;
                outcomes.Add(new Outcome(pending, null, row));
            }
        }

        var readsPassingOthers = new List<(long Conversation, string User, long Seq)>();
        if (rows.Count > 0)
        {
            await sql.InsertAsync(rows, now);
            await sql.InsertBotUpdatesAsync(BotFeed.Heard(rows.Select(r => (r.Message, r.New.ReplyTo?.SenderId, r.Bots))), now);
            readsPassingOthers = await sql.AdvanceAsync(
                state.LastSeq.Where(c => c.Value != state.LoadedSeq[c.Key]).Select(c => (c.Key, c.Value)).ToList(),
                state.ReadUpTo.OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2, StringComparer.Ordinal).Select(r => (r.Key.Item1, r.Key.Item2, r.Value)).ToList(),
                now);

            var committing = _time.GetTimestamp();
            await transaction.CommitAsync();
            Interlocked.Increment(ref _commits);
            _metrics.BatchCommitted(batch.Count, rows.Select(r => r.Message.Kind), _time.GetElapsedTime(committing));
        }

        var committed = _time.GetTimestamp();
        Complete(outcomes);
        if (rows.Count > 0)
        {
            _metrics.HandedOff(_time.GetElapsedTime(committed));
        }

        readsPassingOthers.ForEach(r => _ = MarkReadAsync(r.User, r.Conversation, r.Seq));
    }

    /// <summary>Sending marks read what came before one's message: through the receipt writer, which tells whom it concerns.</summary>
    private async Task MarkReadAsync(string userId, long conversationId, long seq)
    {
        try
        {
            await _receipts.MarkAsync(userId, conversationId, seq, ReceiptKind.Read);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Marking conversation {ConversationId} read up to the sender's message failed.", conversationId);
        }
    }

    /// <summary>
    /// Whether the files a forwarded copy shares are still the original's, kept until this batch commits: on PostgreSQL
    /// the row is locked, so a deletion of the original waits and then sees the copy (which keeps the files). SQLite's
    /// write transaction already excludes the deletion.
    /// </summary>
    private static async Task<bool> OriginalStaysAsync(ApplicationDbContext db, string storageKey) => db.Database.IsNpgsql()
        ? (await db.Database.SqlQuery<int>($"""SELECT 1 AS "Value" FROM "Media" WHERE "StorageKey" = {storageKey} FOR SHARE""").ToListAsync()).Count > 0
        : await db.Media.AnyAsync(x => x.StorageKey == storageKey);

    /// <summary>
    /// A message this batch stores: its Seq and audience when it is decided, its Id once the batch's inserts ran (all
    /// together, after every check: one round trip to PostgreSQL for the whole batch).
    /// </summary>
    private sealed class NewRow(
        NewMessage message, long seq, DateTime createdUtc, IReadOnlyCollection<string> audience, BotsHere bots, ChatImage? image, ChatFile? file)
    {
        public NewMessage New { get; } = message;

        public long Seq { get; } = seq;

        public IReadOnlyCollection<string> Audience { get; } = audience;

        /// <summary>The bots in the conversation at this Seq: those that may hear of it.</summary>
        public BotsHere Bots { get; } = bots;

        public ChatMessage Message { get; private set; } = null!;

        public void Stored(long id) => Message = new ChatMessage(id, New.ConversationId, Seq, New.SenderId, New.ClientMessageId, New.Kind, New.Body,
            createdUtc, null, image, ReplyToId: New.ReplyTo?.Id, ReplyTo: New.ReplyTo, Forwarded: New.Forwarded, File: file, Card: New.Card);

        /// <summary>The row, with its Media row added first (rare next to text: through EF Core, in the same transaction).</summary>
        public static async Task<NewRow> AddMediaAsync(
            ApplicationDbContext db, NewMessage m, long seq, DateTime now, IReadOnlyCollection<string> audience, BotsHere bots)
        {
            if (m.Media is not { } media)
            {
                return new NewRow(m, seq, now, audience, bots, null, null);
            }

            media.CreatedUtc = now;
            db.Media.Add(media);
            await db.SaveChangesAsync();
            return media.Kind == MediaKind.Image
                ? new NewRow(m, seq, now, audience, bots, new ChatImage(media.Id, media.Width, media.Height, media.ThumbWidth, media.ThumbHeight), null)
                : new NewRow(m, seq, now, audience, bots, null, new ChatFile(media.Id, media.FileName ?? "file", media.Bytes, media.ContentType, media.DurationMs));
        }
    }

    /// <summary>
    /// What one batch reads before it writes (the conversations' Seq, members and the bots among them), and the Seq and
    /// read marks it moves.
    /// </summary>
    private sealed record BatchState(
        Dictionary<long, long> LoadedSeq, Dictionary<long, long> LastSeq, Dictionary<long, HashSet<string>> MemberIds,
        Dictionary<(long, string), long> ReadUpTo, Dictionary<long, BotsHere> Bots)
    {
        public static async Task<BatchState> LoadAsync(ApplicationDbContext db, List<Pending> batch)
        {
            var conversationIds = batch.Select(p => p.Message.ConversationId).Distinct().Order().ToArray();
            if (db.Database.IsNpgsql())
            {
                // Another instance's writer may be writing to these conversations: wait for its commit and read the Seq
                // it left (in Id order, so two writers never hold each other's rows). SQLite's write transaction
                // already excludes every other writer of the file.
                await db.Database.ExecuteSqlAsync(
                    $"""SELECT 1 FROM "Conversations" WHERE "Id" = ANY({conversationIds}) ORDER BY "Id" FOR NO KEY UPDATE""");
            }

            var seqs = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.LastSeq);
            var state = new BatchState(seqs, new Dictionary<long, long>(seqs), [], [], []);
            await state.LoadMembersAsync(db, conversationIds);
            return state;
        }

        private readonly Dictionary<(long, string), bool> _hooks = [];

        /// <summary>Whether a webhook may post here (bound to the conversation, not deleted), asked once per batch.</summary>
        public async Task<bool> HookPostsAsync(ApplicationDbContext db, NewMessage m)
        {
            if (!_hooks.TryGetValue((m.ConversationId, m.SenderId), out var live))
            {
                live = await db.LiveHooksOf(m.ConversationId).AnyAsync(h => h.UserId == m.SenderId);
                _hooks[(m.ConversationId, m.SenderId)] = live;
            }

            return live;
        }

        /// <summary>After a group change: a new set (messages written before it keep the audience they had).</summary>
        public Task ReloadMembersAsync(ApplicationDbContext db, long conversationId) => LoadMembersAsync(db, [conversationId]);

        private async Task LoadMembersAsync(ApplicationDbContext db, long[] conversationIds)
        {
            var members = await db.ConversationMembers.AsNoTracking().Current().Where(m => conversationIds.Contains(m.ConversationId))
                .Select(m => new { m.ConversationId, m.UserId, m.User!.IsBot }).ToListAsync();
            foreach (var id in conversationIds)
            {
                MemberIds[id] = members.Where(m => m.ConversationId == id).Select(m => m.UserId).ToHashSet(StringComparer.Ordinal);
                Bots[id] = BotsHere.None;
            }

            foreach (var (id, bots) in await BotFeed.ListenersAsync(db, [.. members.Where(m => m.IsBot).Select(m => (m.ConversationId, m.UserId))]))
            {
                Bots[id] = bots;
            }
        }
    }
}
