using System.Data.Common;
using BlazorMessenger.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BlazorMessenger.Features.Chat;

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

        var outcomes = new List<Outcome>(batch.Count);
        var writtenByKey = new Dictionary<(string, Guid), (ChatMessage Message, IReadOnlyCollection<string> Audience)>();
        foreach (var pending in batch)
        {
            var m = pending.Message;
            var key = (m.SenderId, m.ClientMessageId);
            if (!state.MemberIds.TryGetValue(m.ConversationId, out var members) || !members.Contains(m.SenderId))
            {
                outcomes.Add(new Outcome(pending, null, null));
            }
            else if (writtenByKey.TryGetValue(key, out var sameInBatch))
            {
                outcomes.Add(new Outcome(pending, null, sameInBatch.Message, sameInBatch.Audience));
            }
            else if (await sql.FindSentAsync(m.SenderId, m.ClientMessageId) is { } earlierId)
            {
                var earlier = (await MessageExtras.CompleteAsync(
                    db, [await db.Messages.AsNoTracking().Where(x => x.Id == earlierId).Select(ChatService.ToRecord).SingleAsync()], default))[0];
                outcomes.Add(new Outcome(pending, ServiceResult<StoredMessage>.Ok(new StoredMessage(earlier, false)), null));
            }
            else if (m is { Forwarded: true, Media: { } copy } && !await db.Media.AnyAsync(x => x.StorageKey == copy.StorageKey))
            {
                // The original was deleted (and its files with it) while the forward waited: the copy would show nothing.
                outcomes.Add(new Outcome(pending, ServiceResult<StoredMessage>.Fail(MessageRules.AlreadyDeleted), null));
            }
            else if (m.CountsAgainstSendLimit && !pending.Charged && !_rateLimiter.TryAcquire(RateLimitedAction.SendMessage, m.SenderId))
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
                state.ReadUpTo[(m.ConversationId, m.SenderId)] = seq;
                var written = await InsertAsync(db, sql, m, seq, now);
                var audience = alsoTell.Count == 0 ? state.MemberIds[m.ConversationId] : [.. state.MemberIds[m.ConversationId], .. alsoTell];
                writtenByKey[key] = (written, audience);
                outcomes.Add(new Outcome(pending, null, written, audience));
            }
        }

        if (writtenByKey.Count > 0)
        {
            foreach (var (conversationId, lastSeq) in state.LastSeq.Where(c => c.Value != state.LoadedSeq[c.Key]))
            {
                await sql.AdvanceConversationAsync(conversationId, lastSeq, now);
            }

            foreach (var ((conversationId, userId), seq) in state.ReadUpTo.OrderBy(r => r.Key.Item1).ThenBy(r => r.Key.Item2, StringComparer.Ordinal))
            {
                await sql.MarkReadAsync(conversationId, userId, seq);
            }

            var committing = _time.GetTimestamp();
            await transaction.CommitAsync();
            Interlocked.Increment(ref _commits);
            _metrics.BatchCommitted(batch.Count, writtenByKey.Values.Select(w => w.Message.Kind), _time.GetElapsedTime(committing));
        }

        var committed = _time.GetTimestamp();
        Complete(outcomes, state);
        if (writtenByKey.Count > 0)
        {
            _metrics.HandedOff(_time.GetElapsedTime(committed));
        }
    }

    private static async Task<ChatMessage> InsertAsync(ApplicationDbContext db, BatchStatements sql, NewMessage m, long seq, DateTime now)
    {
        ChatImage? image = null;
        ChatFile? file = null;
        if (m.Media is { } media)
        {
            // Rare next to text: the Media row goes through EF Core, in the same transaction.
            media.CreatedUtc = now;
            db.Media.Add(media);
            await db.SaveChangesAsync();
            if (media.Kind == MediaKind.Image)
            {
                image = new ChatImage(media.Id, media.Width, media.Height, media.ThumbWidth, media.ThumbHeight);
            }
            else
            {
                file = new ChatFile(media.Id, media.FileName ?? "file", media.Bytes, media.ContentType, media.DurationMs);
            }
        }

        var id = await sql.InsertMessageAsync(m, seq, m.Kind, now);
        return new ChatMessage(id, m.ConversationId, seq, m.SenderId, m.ClientMessageId, m.Kind, m.Body, now, null, image,
            ReplyToId: m.ReplyTo?.Id, ReplyTo: m.ReplyTo, Forwarded: m.Forwarded, File: file);
    }

    /// <summary>What one batch reads before it writes, and the Seq and read marks it moves.</summary>
    private sealed record BatchState(
        Dictionary<long, long> LoadedSeq, Dictionary<long, long> LastSeq, Dictionary<long, HashSet<string>> MemberIds,
        Dictionary<(long, string), long> ReadUpTo)
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
                    $"""SELECT 1 FROM "Conversations" WHERE "Id" = ANY({conversationIds}) ORDER BY "Id" FOR UPDATE""");
            }

            var seqs = await db.Conversations.AsNoTracking().Where(c => conversationIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => c.LastSeq);
            var members = await db.ConversationMembers.AsNoTracking().Current().Where(m => conversationIds.Contains(m.ConversationId))
                .Select(m => new { m.ConversationId, m.UserId }).ToListAsync();
            return new BatchState(
                seqs, new Dictionary<long, long>(seqs),
                members.GroupBy(m => m.ConversationId).ToDictionary(g => g.Key, g => g.Select(m => m.UserId).ToHashSet(StringComparer.Ordinal)),
                []);
        }

        /// <summary>After a group change: a new set (messages written before it keep the audience they had).</summary>
        public async Task ReloadMembersAsync(ApplicationDbContext db, long conversationId) =>
            MemberIds[conversationId] = (await db.CurrentMemberIdsAsync(conversationId, CancellationToken.None)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The batch's statements, bound to its connection and transaction and reused for every message (both providers
    /// keep a reused command prepared). One SQL text for SQLite and PostgreSQL: quoted names, @parameters.
    /// </summary>
    private sealed class BatchStatements(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        private readonly bool _sqlite = connection is SqliteConnection;

        private readonly DbCommand _find = Command(connection, transaction,
            """SELECT "Id" FROM "Messages" WHERE "SenderId" = @sender AND "ClientMessageId" = @client""", "sender", "client");

        private readonly DbCommand _insert = Command(connection, transaction, """
            INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "ClientMessageId", "Kind", "Body", "CreatedUtc", "MediaId", "ReplyToId", "Forwarded")
            VALUES (@conversation, @seq, @sender, @client, @kind, @body, @created, @media, @reply, @forwarded)
            RETURNING "Id"
            """, "conversation", "seq", "sender", "client", "kind", "body", "created", "media", "reply", "forwarded");

        private readonly DbCommand _advance = Command(connection, transaction,
            """UPDATE "Conversations" SET "LastSeq" = @seq, "LastMessageUtc" = @at WHERE "Id" = @id""", "seq", "at", "id");

        private readonly DbCommand _read = Command(connection, transaction,
            // Sending marks one's own messages read, but never someone else's that arrived unseen before them (the outbox
            // may send from a hidden tab, or after a reconnect).
            """
            UPDATE "ConversationMembers" SET "LastReadSeq" = @seq,
                "DeliveredSeq" = CASE WHEN "DeliveredSeq" > @seq THEN "DeliveredSeq" ELSE @seq END
            WHERE "ConversationId" = @id AND "UserId" = @user AND "LastReadSeq" < @seq
              AND NOT EXISTS (SELECT 1 FROM "Messages" m WHERE m."ConversationId" = @id AND m."Seq" > "ConversationMembers"."LastReadSeq"
                              AND m."Seq" < @seq AND m."SenderId" <> @user)
            """, "seq", "id", "user");

        public async Task<long?> FindSentAsync(string senderId, Guid clientMessageId) =>
            await ScalarAsync(_find, ("sender", senderId), ("client", Value(clientMessageId))) is long id ? id : null;

        public async Task<long> InsertMessageAsync(NewMessage m, long seq, MessageKind kind, DateTime now) =>
            (long)(await ScalarAsync(_insert, ("conversation", m.ConversationId), ("seq", seq), ("sender", m.SenderId),
                ("client", Value(m.ClientMessageId)), ("kind", (int)kind), ("body", m.Body), ("created", Value(now)),
                ("media", m.Media?.Id), ("reply", m.ReplyTo?.Id), ("forwarded", m.Forwarded)))!;

        public Task AdvanceConversationAsync(long conversationId, long lastSeq, DateTime now) =>
            ScalarAsync(_advance, ("seq", lastSeq), ("at", Value(now)), ("id", conversationId));

        public Task MarkReadAsync(long conversationId, string userId, long seq) =>
            ScalarAsync(_read, ("seq", seq), ("id", conversationId), ("user", userId));

        /// <summary>Values as each provider stores them (SQLite: EF Core's text forms, <see cref="SqliteValues"/>).</summary>
        private object Value(Guid value) => _sqlite ? SqliteValues.Text(value) : value;

        private object Value(DateTime value) => _sqlite ? SqliteValues.Text(value) : value;

        private static async Task<object?> ScalarAsync(DbCommand command, params (string Name, object? Value)[] values)
        {
            foreach (var (name, value) in values)
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }

            return await command.ExecuteScalarAsync();
        }

        /// <summary>Parameters are made once and only their values change (Npgsql's automatic preparation relies on it).</summary>
        private static DbCommand Command(DbConnection connection, DbTransaction transaction, string text, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
            foreach (var name in names)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in new[] { _find, _insert, _advance, _read })
            {
                await command.DisposeAsync();
            }
        }
    }
}
