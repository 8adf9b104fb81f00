using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
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
            if (db.Database.IsNpgsql())
            {
                await WarnOfByteLocaleAsync(db, services.GetRequiredService<ILoggerFactory>(), cancellationToken);
            }
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
    /// Search folds case and accents by the database's character type: in the C (or POSIX) locale only ASCII letters
    /// are letters, so "Привет" would not be found by "привет". Said once at start-up, with the remedy.
    /// </summary>
    private static async Task WarnOfByteLocaleAsync(ApplicationDbContext db, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var ctype = (await db.Database.SqlQuery<string>($"SELECT datctype AS \"Value\" FROM pg_database WHERE datname = current_database()")
            .ToListAsync(cancellationToken)).Single();
        if (ctype is "C" or "POSIX")
        {
            logs.CreateLogger(typeof(StoragePreparation)).LogWarning(
                "The database's LC_CTYPE is {Ctype}: search folds case and accents for ASCII letters only. Create the database with a UTF-8 locale (LC_CTYPE 'C.UTF-8' or 'en_US.UTF-8').",
                ctype);
        }
    }

    /// <summary>
    /// Instances starting together apply each migration once. SQLite: under EF Core's migration lock (a lock table in
    /// the file). PostgreSQL: EF Core reads what is applied before it locks, so an instance that waited would apply again
    /// what the first just did; the app holds an advisory lock of its own around the whole migration instead, on a
    /// database it first creates if nobody has (the one that loses that race uses the other's).
    /// </summary>
    private static async Task MigrateAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql())
        {
            await MigratePendingAsync(db, cancellationToken);
            return;
        }

        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            try
            {
                await creator.CreateAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another instance made it a moment ago.
            }
        }

        await using var lockHolder = new NpgsqlConnection(db.Database.GetConnectionString());
        await lockHolder.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockHolder))
        {
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        // The session's end (closing the connection) releases the lock, also when the migration fails.
        await MigratePendingAsync(db, cancellationToken);
    }

    /// <summary>An advisory lock key of the app's own ("BlazorM" in ASCII), for its start-up migration.</summary>
    private const long MigrationLockKey = 0x426C617A6F724D;

    private static async Task MigratePendingAsync(ApplicationDbContext db, CancellationToken cancellationToken)
    {
        // Asking first skips the migration lock on the usual start, when there is nothing to apply.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
