using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting;

public static class StoragePreparation
{
    /// <summary>
    /// Creates the data directory, switches the database to WAL, migrates it, seeds demo users if asked, calls
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
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            // Asking first skips the migration lock on the usual start, when there is nothing to apply.
            if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            {
                await db.Database.MigrateAsync(cancellationToken);
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
}
