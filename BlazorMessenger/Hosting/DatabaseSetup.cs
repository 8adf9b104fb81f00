using BlazorMessenger.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BlazorMessenger.Hosting;

public static class DatabaseSetup
{
    /// <summary>The provider's connection, and the migrations written for it (<see cref="ProviderMigrations"/>).</summary>
    public static void Configure(DbContextOptionsBuilder db, DatabaseOptions options, StorageLocation storage)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            PostgresSetup.Configure(db, options.ConnectionString!);
        }
        else
        {
            SqliteSetup.Configure(db, storage.DataDirectory, options.BusyTimeoutMs);
        }

        db.ReplaceService<IMigrationsAssembly, ProviderMigrations>();
    }
}
