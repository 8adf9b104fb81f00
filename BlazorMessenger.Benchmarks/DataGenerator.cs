using System.Globalization;
using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Benchmarks;

public sealed record GeneratedUser(string Id, string UserName);

public sealed record GeneratedConversation(long Id, GeneratedUser A, GeneratedUser B);

/// <summary>
/// Bulk-loads people, direct conversations and messages straight into the database (not through the UI or the send
/// path): users and conversations with EF Core in one transaction, messages with one prepared INSERT per row in large
/// transactions, so the FTS triggers run as they do in production.
/// </summary>
public sealed class DataGenerator(IServiceProvider services)
{
    public const string Password = "Bench-Passw0rd!";

    private static readonly string PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);

    public async Task<List<GeneratedUser>> CreateUsersAsync(string prefix, int count)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var users = Enumerable.Range(0, count).Select(i => NewUser($"{prefix}{i}")).ToList();
        db.Users.AddRange(users);
        await db.SaveChangesAsync();
        return users.Select(u => new GeneratedUser(u.Id, u.UserName!)).ToList();
    }

    /// <summary>Direct conversations (and contacts both ways), as adding a contact makes them.</summary>
    public async Task<List<GeneratedConversation>> ConnectAsync(IEnumerable<(GeneratedUser A, GeneratedUser B)> pairs)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        var made = new List<(Conversation Conversation, GeneratedUser A, GeneratedUser B)>();
        foreach (var (a, b) in pairs)
        {
            var conversation = new Conversation
            {
                Kind = ConversationKind.Direct, DirectKey = Conversation.DirectKeyFor(a.Id, b.Id), CreatedUtc = now,
                Members = [new() { UserId = a.Id, JoinedUtc = now }, new() { UserId = b.Id, JoinedUtc = now }],
            };
            db.Conversations.Add(conversation);
            db.Contacts.Add(new Contact { OwnerId = a.Id, ContactUserId = b.Id, AddedUtc = now });
            db.Contacts.Add(new Contact { OwnerId = b.Id, ContactUserId = a.Id, AddedUtc = now });
            made.Add((conversation, a, b));
        }

        await db.SaveChangesAsync();
        return made.Select(m => new GeneratedConversation(m.Conversation.Id, m.A, m.B)).ToList();
    }

    /// <summary>
    /// Adds count messages spread over the conversations (round robin, senders alternating), oldest first, each
    /// conversation's Seq continuing from its LastSeq; the conversations' LastSeq and both members' read marks follow.
    /// </summary>
    public async Task AddMessagesAsync(IReadOnlyList<GeneratedConversation> conversations, int count, Func<int, string> body)
    {
        var path = services.GetRequiredService<StorageLocation>().DatabasePath;
        await using var connection = new SqliteConnection(SqliteSetup.ConnectionString(path));
        await connection.OpenAsync();
        var seqs = new Dictionary<long, long>();
        foreach (var c in conversations)
        {
            seqs[c.Id] = await ScalarAsync(connection, $"SELECT LastSeq FROM Conversations WHERE Id = {c.Id}");
        }

        var start = DateTime.UtcNow.AddSeconds(-count);
        const int PerTransaction = 50_000;
        for (var done = 0; done < count; done += PerTransaction)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO Messages (ConversationId, Seq, SenderId, ClientMessageId, Kind, Body, CreatedUtc)
                VALUES ($c, $s, $sender, $client, 0, $body, $at)
                """;
            var p = new[]
            {
                insert.Parameters.Add("$c", SqliteType.Integer), insert.Parameters.Add("$s", SqliteType.Integer),
                insert.Parameters.Add("$sender", SqliteType.Text), insert.Parameters.Add("$client", SqliteType.Text),
                insert.Parameters.Add("$body", SqliteType.Text), insert.Parameters.Add("$at", SqliteType.Text),
            };
            insert.Prepare();
            for (var i = done; i < Math.Min(count, done + PerTransaction); i++)
            {
                var c = conversations[i % conversations.Count];
                var seq = ++seqs[c.Id];
                p[0].Value = c.Id;
                p[1].Value = seq;
                p[2].Value = seq % 2 == 0 ? c.B.Id : c.A.Id;
                p[3].Value = SqliteValues.Text(Guid.NewGuid());
                p[4].Value = body(i);
                p[5].Value = SqliteValues.Text(start.AddSeconds(i));
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE Conversations SET LastSeq = $seq, LastMessageUtc = $at WHERE Id = $id; " +
                             "UPDATE ConversationMembers SET LastReadSeq = $seq WHERE ConversationId = $id;";
        var (seqP, atP, idP) = (update.Parameters.Add("$seq", SqliteType.Integer), update.Parameters.Add("$at", SqliteType.Text),
            update.Parameters.Add("$id", SqliteType.Integer));
        foreach (var (id, seq) in seqs)
        {
            (seqP.Value, atP.Value, idP.Value) = (seq, SqliteValues.Text(DateTime.UtcNow), id);
            await update.ExecuteNonQueryAsync();
        }
    }

    private IDbContextFactory<ApplicationDbContext> Factory => services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();

    private static ApplicationUser NewUser(string userName) => new()
    {
        UserName = userName,
        NormalizedUserName = userName.ToUpperInvariant(),
        Email = $"{userName}@bench.test",
        NormalizedEmail = $"{userName}@bench.test".ToUpperInvariant(),
        EmailConfirmed = true,
        PasswordHash = PasswordHash,
        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
        LockoutEnabled = true,
    };

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

/// <summary>Message text with a realistic spread of common and rare words, the same for the same seed.</summary>
public sealed class TextMaker(int seed)
{
    public static readonly string[] Vocabulary = MakeVocabulary();

    private readonly Random _random = new(seed);

    public string Next()
    {
        var words = _random.Next(3, 16);
        return string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[Zipf()]));
    }

    /// <summary>A word picked like the text's words: common ones often, rare ones seldom.</summary>
    public string Word() => Vocabulary[Zipf()];

    private int Zipf() => Math.Min(Vocabulary.Length - 1, (int)(Math.Pow(_random.NextDouble(), 3) * Vocabulary.Length));

    private static string[] MakeVocabulary()
    {
        string[] syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "pa", "do", "fi", "gu", "he", "ja", "qu"];
        var words = new List<string>();
        foreach (var a in syllables)
        {
            foreach (var b in syllables)
            {
                foreach (var c in new[] { "", "n", "r", "st", "l", "m", "x", "th" })
                {
                    words.Add(a + b + c);
                }
            }
        }

        return [.. words];
    }
}
