using System.Data.Common;
using BlazorMessenger.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BlazorMessenger.Tests.TestSupport;

/// <summary>Another connection holding the database's write lock, as a stuck process or a backup tool would.</summary>
public sealed class HeldWriteLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private HeldWriteLock(SqliteConnection connection) => _connection = connection;

    public static async Task<HeldWriteLock> TakeAsync(string dataDirectory)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = new StorageLocation(dataDirectory).DatabasePath,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        return new HeldWriteLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var rollback = _connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}

/// <summary>
/// Counts the writer's attempts (each batch starts a transaction) and, when asked, breaks the database the way a failing
/// disk does: an I/O error on the batch's first read, or SQLite's "database or disk is full" once the file may not grow.
/// </summary>
public sealed class InjectedFaults : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    private int _transactions;

    public int Transactions => Volatile.Read(ref _transactions);

    public volatile bool DiskErrors;

    public volatile bool DiskFull;

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _transactions);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken ct = default) =>
        DiskErrors && command.Transaction is not null
            ? throw new SqliteException("disk I/O error (injected)", 10)
            : ValueTask.FromResult(result);

    public async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        // Lower than the file's size, SQLite keeps the size it has: no page may be added. A pooled connection gets the
        // normal ceiling back when the fault ends.
        await using var command = connection.CreateCommand();
        command.CommandText = DiskFull ? "PRAGMA max_page_count = 1;" : "PRAGMA max_page_count = 1073741823;";
        await command.ExecuteNonQueryAsync(ct);
    }
}
