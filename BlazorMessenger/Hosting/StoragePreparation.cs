using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BlazorMessenger.Hosting;

public static class StoragePreparation
{
    /// <summary>
    /// Creates the data directory, switches a SQLite database to WAL, migrates the database, seeds demo users if asked, calls
    /// databaseReady, and then removes media files no message refers to (which requests need not wait for).
    /// </summary>
    public static async Task PrepareStorageAsync(
        this IServiceProvider services, CancellationToken cancellationToken, Action? databaseReady = null)
    {
        var storage = services.GetRequiredService<StorageLocation>();
        Directory.CreateDirectory(storage.DataDirectory);

        var factory = services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (db.Database.IsSqlite())
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            }

            await MigrateAsync(db, cancellationToken);
        }

        if (services.GetRequiredService<IOptions<MessengerOptions>>().Value.SeedDemoUsers)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoUserSeeder>().SeedAsync(cancellationToken);
        }

        databaseReady?.Invoke();
        await services.GetRequiredService<MediaJanitor>().RemoveOrphansAsync(cancellationToken);
    }

    /// <summary>
    /// EF Core applies migrations under its migration lock (a lock table on SQLite, a table lock on PostgreSQL), so
    /// instances starting together apply each migration once. Two that find no PostgreSQL database both create it:
    /// the one that loses that race migrates the other's.
    /// </summary>
    private static async Task MigrateAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            // Asking first skips the migration lock on the usual start, when there is nothing to apply.
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await db.Database.MigrateAsync(cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
