using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BlazorMessenger.Hosting;

public static class PostgresSetup
{
    /// <summary>
    /// Npgsql prepares a statement once it has run a few times on a connection (the writer's inserts and the hot
    /// reads), which SQLite's provider does by itself for a reused command.
    /// </summary>
    public static string ConnectionString(string configured) => new NpgsqlConnectionStringBuilder(configured)
    {
        MaxAutoPrepare = 64,
        AutoPrepareMinUsages = 2,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(ConnectionString(connectionString));
}
