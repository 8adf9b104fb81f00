using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorMessenger.Hosting;

public static class SqliteSetup
{
    public const int BusyTimeoutMilliseconds = 5000;

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static void Configure(DbContextOptionsBuilder db, string dataDirectory) =>
        db.UseSqlite(ConnectionString(new StorageLocation(dataDirectory).DatabasePath))
            .AddInterceptors(BusyTimeoutInterceptor.Instance);

    /// <summary>
    /// busy_timeout and synchronous are per connection, so every opened connection gets them (a pooled connection that
    /// a writer of receipts relaxed comes back durable); WAL is a property of the database file and is switched on once
    /// at start-up.
    /// </summary>
    private sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
    {
        public static readonly BusyTimeoutInterceptor Instance = new();
        private static readonly string Pragma = $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = FULL;";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(
            DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
