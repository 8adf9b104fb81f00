using System.Data.Common;
using BlazorMessenger.Data;
using Microsoft.Data.Sqlite;

namespace BlazorMessenger.Features.Chat.Writer;

public sealed partial class MessageWriter
{
    /// <summary>
    /// The batch's writes, one SQL text for SQLite and PostgreSQL (quoted names, @parameters). PostgreSQL gets each kind
    /// of write for the whole batch in one round trip (a DbBatch); SQLite, in this process, runs one reused command per
    /// row (it keeps a reused command prepared), which costs microseconds.
    /// </summary>
    private sealed class BatchStatements(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
    {
        // One lookup per (sender, client id) pair, each an index search: asking for all senders and all ids at once made
        // PostgreSQL probe every combination.
        private const string FindSql = """SELECT "Id" FROM "Messages" WHERE "SenderId" = @sender AND "ClientMessageId" = @client""";

        private const string InsertSql = """
            INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "ClientMessageId", "Kind", "Body", "CreatedUtc", "MediaId", "ReplyToId", "Forwarded", "Card")
            VALUES (@conversation, @seq, @sender, @client, @kind, @body, @created, @media, @reply, @forwarded, @card)
            RETURNING "Id"
            """;

        private const string BotUpdateSql = """
            INSERT INTO "BotUpdates" ("BotId", "Kind", "MessageId", "CreatedUtc") VALUES (@bot, @kind, @message, @created)
            """;

        private const string AdvanceSql = """UPDATE "Conversations" SET "LastSeq" = @seq, "LastMessageUtc" = @at WHERE "Id" = @id""";

        // Sending marks everything up to one's own message read. Here only when nothing of anyone else's is passed (the
        // common case, in the same transaction); when it would pass others' messages the receipt writer moves it after
        // the commit, so their senders' ticks and "Message info" follow (RETURNING says which moved here).
        private const string ReadSql = """
            UPDATE "ConversationMembers" SET "LastReadSeq" = @seq,
                "DeliveredSeq" = CASE WHEN "DeliveredSeq" > @seq THEN "DeliveredSeq" ELSE @seq END
            WHERE "ConversationId" = @id AND "UserId" = @user AND "LastReadSeq" < @seq
              AND NOT EXISTS (SELECT 1 FROM "Messages" m WHERE m."ConversationId" = @id AND m."Seq" > "ConversationMembers"."LastReadSeq"
                              AND m."Seq" < @seq AND m."SenderId" <> @user)
            RETURNING "UserId"
            """;

        private readonly bool _sqlite = connection is SqliteConnection;
        private readonly Dictionary<string, DbCommand> _reused = [];

        /// <summary>The messages already stored under these senders' client ids (a send repeated after a lost answer).</summary>
        public async Task<Dictionary<(string, Guid), long>> FindSentAsync(IReadOnlyList<(string Sender, Guid Client)> keys)
        {
            var ids = await RunAsync(FindSql, keys.Select(k => Values(("sender", k.Sender), ("client", Value(k.Client)))).ToList());
            return keys.Zip(ids).Where(k => k.Second is long).ToDictionary(k => k.First, k => (long)k.Second!);
        }

        /// <summary>Inserts the rows in Seq order of the batch and gives each its Id.</summary>
        public async Task InsertAsync(IReadOnlyList<NewRow> rows, DateTime now)
        {
            var ids = await RunAsync(InsertSql, rows.Select(r => Values(
                ("conversation", r.New.ConversationId), ("seq", r.Seq), ("sender", r.New.SenderId), ("client", Value(r.New.ClientMessageId)),
                ("kind", (int)r.New.Kind), ("body", r.New.Body), ("created", Value(now)), ("media", r.New.Media?.Id),
                ("reply", r.New.ReplyTo?.Id), ("forwarded", r.New.Forwarded),
                ("card", r.New.Card is { } card ? Hooks.MessageCard.ToJson(card) : null))).ToList());
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].Stored((long)ids[i]!);
            }
        }

        /// <summary>What the bots in these conversations hear of the batch (see <see cref="Bots.BotFeed"/>).</summary>
        public Task InsertBotUpdatesAsync(IReadOnlyList<(string BotId, long MessageId)> heard, DateTime now) =>
            RunAsync(BotUpdateSql, heard.Select(h => Values(
                ("bot", h.BotId), ("kind", (int)BotUpdateKind.Message), ("message", h.MessageId), ("created", Value(now)))).ToList());

        /// <summary>
        /// The conversations' new last Seq, then the senders' read marks (in the order locks are taken); answers the read
        /// marks that would pass others' messages, for the receipt writer.
        /// </summary>
        public async Task<List<(long Conversation, string User, long Seq)>> AdvanceAsync(
            IReadOnlyList<(long Conversation, long LastSeq)> conversations, IReadOnlyList<(long Conversation, string User, long Seq)> reads, DateTime now)
        {
            await RunAsync(AdvanceSql, conversations.Select(c => Values(("seq", c.LastSeq), ("at", Value(now)), ("id", c.Conversation))).ToList());
            var moved = await RunAsync(ReadSql, reads.Select(r => Values(("seq", r.Seq), ("id", r.Conversation), ("user", r.User))).ToList());
            return reads.Where((_, i) => moved[i] is null or DBNull).ToList();
        }

        private static (string Name, object? Value)[] Values(params (string Name, object? Value)[] values) => values;

        /// <summary>Values as each provider stores them (SQLite: EF Core's text forms, <see cref="SqliteValues"/>).</summary>
        private object Value(Guid value) => _sqlite ? SqliteValues.Text(value) : value;

        private object Value(DateTime value) => _sqlite ? SqliteValues.Text(value) : value;

        /// <summary>The statement once per set of values; each one's first column (null for an update).</summary>
        private async Task<List<object?>> RunAsync(string sql, IReadOnlyList<(string Name, object? Value)[]> sets)
        {
            var results = new List<object?>(sets.Count);
            if (sets.Count == 0)
            {
                return results;
            }

            if (!connection.CanCreateBatch)
            {
                var command = Reused(sql, sets[0]);
                foreach (var values in sets)
                {
                    foreach (var (name, value) in values)
                    {
                        command.Parameters[name].Value = value ?? DBNull.Value;
                    }

                    results.Add(await command.ExecuteScalarAsync());
                }

                return results;
            }

            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var values in sets)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                foreach (var (name, value) in values)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync();
            do
            {
                results.Add(await reader.ReadAsync() ? reader.GetValue(0) : null);
            }
            while (await reader.NextResultAsync());
            return results;
        }

        /// <summary>One command per statement, its parameters made once and only their values changed.</summary>
        private DbCommand Reused(string sql, (string Name, object? Value)[] shape)
        {
            if (!_reused.TryGetValue(sql, out var command))
            {
                command = _reused[sql] = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                foreach (var (name, _) in shape)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    command.Parameters.Add(parameter);
                }
            }

            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _reused.Values)
            {
                await command.DisposeAsync();
            }
        }
    }
}
