namespace BlazorMessenger.Hosting.Backup;

/// <summary>
/// Restores a backup into an empty (or missing) data directory, never over live data: every file is checked against
/// the manifest before anything is written, and again as it is copied. A failed restore leaves the directory as empty as
/// it found it. The app then starts on the restored directory as usual (it switches the database back to WAL).
/// </summary>
public sealed class DataRestore(StorageLocation storage)
{
    public async Task<BackupManifest> RestoreAsync(string source, CancellationToken ct)
    {
        source = Path.GetFullPath(source);
        var manifest = await BackupManifest.ReadAsync(source, ct);
        var data = storage.DataDirectory;
        if (!BackupFiles.IsMissingOrEmpty(data))
        {
            throw new BackupRefusedException(
                $"The data directory {data} is not empty: restore only fills an empty one, so live data is never overwritten. Point Messenger:DataDirectory at an empty directory, or move this one away first.");
        }

        foreach (var expected in manifest.Files)
        {
            var path = BackupFiles.Resolve(source, expected.Path);
            if (!File.Exists(path))
            {
                throw new BackupRefusedException($"{path} is listed in the manifest but missing; nothing was restored.");
            }

            Check(expected, await BackupFiles.DescribeAsync(path, expected.Path, ct), source);
        }

        var created = !Directory.Exists(data);
        Directory.CreateDirectory(data);
        try
        {
            foreach (var expected in manifest.Files)
            {
                var copied = await BackupFiles.CopyAsync(
                    BackupFiles.Resolve(source, expected.Path), BackupFiles.Resolve(data, expected.Path), expected.Path, ct);
                Check(expected, copied, source);
            }
        }
        catch
        {
            BackupFiles.Clear(data, created);
            throw;
        }

        return manifest;
    }

    private static void Check(BackupFile expected, BackupFile actual, string source)
    {
        if (actual.Bytes != expected.Bytes || !string.Equals(actual.Sha256, expected.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupRefusedException(
                $"{expected.Path} in {source} does not match its SHA-256 in the manifest (damaged or changed since the backup); nothing was restored.");
        }
    }
}
