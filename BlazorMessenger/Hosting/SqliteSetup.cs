using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorMessenger.Hosting;

public static class SqliteSetup
{
    /// <summary>
    /// Microsoft.Data.Sqlite retries a statement that meets a lock until the command timeout, after SQLite's own
    /// busy_timeout: both follow one setting, so a lock held elsewhere fails a write after about that long, not 30 s.
    /// </summary>
    public static string ConnectionString(string databasePath, int busyTimeoutMs = 5000) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Pooling = true,
        DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeoutMs / 1000.0)),
    }.ToString();

    public static void Configure(DbContextOptionsBuilder db, string dataDirectory, int busyTimeoutMs) =>
        db.UseSqlite(ConnectionString(new StorageLocation(dataDirectory).DatabasePath, busyTimeoutMs))
            .AddInterceptors(BusyTimeoutInterceptor.For(busyTimeoutMs));

    /// <summary>
    /// busy_timeout and synchronous are per connection, so every opened connection gets them (a pooled connection that
    /// a writer of receipts relaxed comes back durable); WAL is a property of the database file and is switched on once
    /// at start-up.
    /// </summary>
    private sealed class BusyTimeoutInterceptor(int busyTimeoutMs) : DbConnectionInterceptor
    {
        private static readonly ConcurrentDictionary<int, BusyTimeoutInterceptor> Instances = new();
        private readonly string Pragma = $"PRAGMA busy_timeout = {busyTimeoutMs}; PRAGMA synchronous = FULL;";

        /// <summary>One instance per setting: EF Core builds a service provider per distinct set of interceptors.</summary>
        public static BusyTimeoutInterceptor For(int busyTimeoutMs) => Instances.GetOrAdd(busyTimeoutMs, ms => new BusyTimeoutInterceptor(ms));

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
