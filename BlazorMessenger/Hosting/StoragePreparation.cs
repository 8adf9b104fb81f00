using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting;

public static class StoragePreparation
{
    /// <summary>Creates the data directory, switches the database to WAL, migrates it and seeds demo users if asked.</summary>
    public static async Task PrepareStorageAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<StorageLocation>();
        Directory.CreateDirectory(storage.DataDirectory);

        var factory = services.GetRequiredService<IDbContextFactory<ApplicationDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }

        await services.GetRequiredService<MediaJanitor>().RemoveOrphansAsync(cancellationToken);

        if (services.GetRequiredService<IOptions<MessengerOptions>>().Value.SeedDemoUsers)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<DemoUserSeeder>().SeedAsync(cancellationToken);
        }
    }
}
