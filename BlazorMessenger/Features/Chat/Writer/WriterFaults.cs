using Microsoft.Data.Sqlite;
using Npgsql;

namespace BlazorMessenger.Features.Chat.Writer;

/// <summary>Which failures belong to the database or the machine rather than to one message.</summary>
public static class WriterFaults
{
    // SQLite's primary result codes: busy, locked, no memory, read-only, I/O error, corrupt, full, can't open, not a database.
    private static readonly HashSet<int> SystemCodes = [5, 6, 7, 8, 10, 11, 13, 14, 26];

    public static bool IsSystemFault(Exception ex) => ex switch
    {
        SqliteException sqlite => SystemCodes.Contains(sqlite.SqliteErrorCode),
        // PostgreSQL's classes: out of resources (disk full), operator intervention (shutting down), system error,
        // internal error (corruption); a read-only server; and anything transient, such as a lost connection.
        PostgresException postgres => postgres.IsTransient || postgres.SqlState[..2] is "53" or "57" or "58" or "XX"
            || postgres.SqlState == PostgresErrorCodes.ReadOnlySqlTransaction,
        NpgsqlException => true,
        IOException or UnauthorizedAccessException or TimeoutException or OutOfMemoryException => true,
        { InnerException: { } inner } => IsSystemFault(inner),
        _ => false,
    };

    /// <summary>
    /// PostgreSQL chose this transaction to undo (a deadlock with another instance's writer, a serialization failure):
    /// nothing is wrong with the batch, and it goes again.
    /// </summary>
    public static bool IsConflict(Exception ex) => ex switch
    {
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure,
        { InnerException: { } inner } => IsConflict(inner),
        _ => false,
    };
}
