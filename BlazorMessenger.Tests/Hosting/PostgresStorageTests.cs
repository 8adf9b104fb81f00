using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Hosting;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Hosting;

/// <summary>Several instances on one PostgreSQL database: what SQLite's single file never has to face.</summary>
public sealed class PostgresStorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_starting_together_on_a_new_database_create_and_migrate_it_once()
    {
        var database = PostgresEngine.NewDatabaseName();
        try
        {
            await using var first = await InstanceAsync(database, prepare: false);
            await using var second = await InstanceAsync(database, prepare: false);

            await Task.WhenAll(
                Task.Run(() => first.Provider.PrepareStorageAsync(Ct), Ct),
                Task.Run(() => second.Provider.PrepareStorageAsync(Ct), Ct));

            await using var db = await first.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(Ct);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
            var applied = await db.Database.GetAppliedMigrationsAsync(Ct);
            Assert.Equal(db.Database.GetMigrations(), applied);
        }
        finally
        {
            await PostgresEngine.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public Task Two_instances_writing_to_one_conversation_give_every_message_its_own_gapless_seq() => OnTwoInstancesAsync(async (bed, other) =>
    {
        var otherChat = other.Get<ChatService>();

        var sends = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var chat = i % 2 == 0 ? bed.Chat : otherChat;
            var sender = i % 4 < 2 ? bed.Alice : bed.Bob;
            var result = await chat.SendAsync(sender, bed.ConversationId, Guid.NewGuid(), $"m{i}", ct: Ct);
            Assert.True(result.Succeeded, result.Error);
            return result.Value!;
        }, Ct));
        var sent = await Task.WhenAll(sends);

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), sent.Select(m => m.Seq).Order());
        var stored = await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct);
        Assert.Equal(sent.OrderBy(m => m.Seq).Select(m => (m.Id, m.Body)), stored.Select(m => (m.Id, m.Body)));
        Assert.True(bed.Services.Get<MessageWriter>().Commits > 0 && other.Get<MessageWriter>().Commits > 0);
    });

    [Fact]
    public Task A_client_id_sent_again_through_the_other_instance_returns_the_stored_message() => OnTwoInstancesAsync(async (bed, other) =>
    {
        var clientId = Guid.NewGuid();

        var first = await bed.Chat.SendAsync(bed.Alice, bed.ConversationId, clientId, "once", ct: Ct);
        var again = await other.Get<ChatService>().SendAsync(bed.Alice, bed.ConversationId, clientId, "once", ct: Ct);

        Assert.Equal(first.Value!.Id, again.Value!.Id);
        Assert.Single(await bed.Chat.GetAfterAsync(bed.Alice, bed.ConversationId, 0, Ct));
    });

    /// <summary>alice, bob and their conversation on a database of the test's own, and a second instance on it.</summary>
    private static async Task OnTwoInstancesAsync(Func<ChatTestBed, TestServices, Task> test)
    {
        var database = await PostgresEngine.CreateDatabaseAsync();
        try
        {
            await using var bed = await ChatTestBed.CreateAsync(Settings(database));
            await using var other = await InstanceAsync(database, prepare: false);
            await test(bed, other);
        }
        finally
        {
            await PostgresEngine.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string?> Settings(string database) => new()
    {
        [TestServices.ProviderKey] = nameof(DatabaseProvider.Postgres),
        [TestServices.ConnectionStringKey] = database,
    };

    private static Task<TestServices> InstanceAsync(string database, bool prepare) =>
        TestServices.CreateAsync(prepare: prepare, settings: Settings(database));
}
