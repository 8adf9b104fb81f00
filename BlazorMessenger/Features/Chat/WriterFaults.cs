using Microsoft.Data.Sqlite;

namespace BlazorMessenger.Features.Chat;

/// <summary>Which failures belong to the database or the machine rather than to one message.</summary>
public static class WriterFaults
{
    // SQLite's primary result codes: busy, locked, no memory, read-only, I/O error, corrupt, full, can't open, not a database.
    private static readonly HashSet<int> SystemCodes = [5, 6, 7, 8, 10, 11, 13, 14, 26];

    public static bool IsSystemFault(Exception ex) => ex switch
    {
        SqliteException sqlite => SystemCodes.Contains(sqlite.SqliteErrorCode),
        IOException or UnauthorizedAccessException or TimeoutException or OutOfMemoryException => true,
        { InnerException: { } inner } => IsSystemFault(inner),
        _ => false,
    };
}
