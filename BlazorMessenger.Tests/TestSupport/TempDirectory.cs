using Microsoft.Data.Sqlite;

namespace BlazorMessenger.Tests.TestSupport;

public static class TempDirectory
{
    public static string NewPath(string prefix) =>
        Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");

    public static void Delete(string path)
    {
        // Pooled SQLite connections keep the file open; release them before deleting. A stopped app's last connection
        // closing meanwhile can put a file back (its -wal or -shm) between the files and the folder going ("Directory not
        // empty", seen once in a full run): delete again then.
        for (var attempt = 1; ; attempt++)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException) when (attempt < 5)
            {
            }
        }
    }
}
