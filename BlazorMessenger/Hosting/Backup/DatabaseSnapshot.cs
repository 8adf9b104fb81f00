using Microsoft.Data.Sqlite;

namespace BlazorMessenger.Hosting.Backup;

/// <summary>
/// A consistent copy of the live database through SQLite's online backup API. The copy is made in one step, inside one
/// read transaction: in WAL mode readers do not block the writer, so the app keeps storing messages meanwhile, and the
/// copy holds exactly the transactions committed before it began.
/// </summary>
internal static class DatabaseSnapshot
{
    public static void Copy(string databasePath, string snapshotPath, int busyTimeoutMs)
    {
        if (!File.Exists(databasePath))
        {
            throw new BackupRefusedException($"There is no database at {databasePath}: check Messenger:DataDirectory.");
        }

        // ReadWrite, not ReadWriteCreate: a wrong path must fail here rather than back up a new, empty database.
        using var source = Open(databasePath, SqliteOpenMode.ReadWrite);
        Execute(source, $"PRAGMA busy_timeout = {busyTimeoutMs};");
        using var snapshot = Open(snapshotPath, SqliteOpenMode.ReadWriteCreate);
        source.BackupDatabase(snapshot);
        // The copy carries the source's WAL setting; as a rollback-journal database it is one self-contained file
        // (the app switches WAL on again when it starts on a restored copy).
        Execute(snapshot, "PRAGMA journal_mode = DELETE;");
    }

    /// <summary>
    /// The rows a restore should show, and the media files the snapshot refers to. Plain SQL on the copy: it is a file
    /// on its own, not the app's context, and needs no model.
    /// </summary>
    public static SnapshotContents Read(string snapshotPath)
    {
        using var snapshot = Open(snapshotPath, SqliteOpenMode.ReadOnly);
        var counts = new BackupCounts(
            Count(snapshot, "AspNetUsers"), Count(snapshot, "Conversations"), Count(snapshot, "Messages"), Count(snapshot, "Media"));
        using var command = snapshot.CreateCommand();
        // A forwarded copy's row shares the original's files, so keys repeat.
        command.CommandText = "SELECT StorageKey FROM Media UNION SELECT ThumbKey FROM Media WHERE ThumbKey IS NOT NULL ORDER BY 1;";
        var keys = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(reader.GetString(0));
            }
        }

        return new SnapshotContents(counts, keys);
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        // No pooling: the files are hashed and moved right after, so nothing may keep them open.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static long Count(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\";";
        return (long)command.ExecuteScalar()!;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

internal sealed record SnapshotContents(BackupCounts Counts, IReadOnlyList<string> MediaKeys);
