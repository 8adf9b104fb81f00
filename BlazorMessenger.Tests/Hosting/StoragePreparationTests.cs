using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BlazorMessenger.Tests.Hosting;

public sealed class StoragePreparationTests
{
    [Fact]
    public async Task A_new_data_directory_gets_a_migrated_database_in_WAL_mode()
    {
        await using var services = await TestServices.CreateAsync();

        Assert.True(File.Exists(Path.Combine(services.DataDirectory, "messenger.db")));
        await using var db = await CreateContextAsync(services);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal("wal", await ScalarAsync(db, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Every_connection_has_a_busy_timeout_and_no_shared_cache()
    {
        await using var services = await TestServices.CreateAsync();
        await using var db = await CreateContextAsync(services);

        Assert.Equal(new DatabaseOptions().BusyTimeoutMs.ToString(), await ScalarAsync(db, "PRAGMA busy_timeout;"));
        Assert.DoesNotContain("Cache", db.Database.GetConnectionString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Preparing_twice_keeps_the_data()
    {
        await using var services = await TestServices.CreateAsync(seedDemoUsers: true);
        var ct = TestContext.Current.CancellationToken;

        await services.Provider.PrepareStorageAsync(ct);

        await using var db = await CreateContextAsync(services);
        Assert.Equal(2, await db.Users.CountAsync(ct));
    }

    private static async Task<ApplicationDbContext> CreateContextAsync(TestServices services) =>
        await services.Provider.GetRequiredService<IDbContextFactory<ApplicationDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken);

    private static async Task<string?> ScalarAsync(ApplicationDbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))?.ToString();
    }
}
