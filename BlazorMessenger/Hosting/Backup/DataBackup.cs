using BlazorMessenger.Features.Media;

namespace BlazorMessenger.Hosting.Backup;

/// <summary>
/// Backs up a data directory, online, into an empty directory: first a snapshot of the database, then the media files
/// that snapshot refers to (a file removed since, because its message was deleted, is recorded as gone; files the
/// snapshot does not know are left out), then the Data Protection keys, and last the manifest.
/// </summary>
public sealed class DataBackup(StorageLocation storage, int busyTimeoutMs, TimeProvider time)
{
    public async Task<BackupManifest> WriteAsync(string target, CancellationToken ct)
    {
        target = Path.GetFullPath(target);
        var data = Path.TrimEndingDirectorySeparator(storage.DataDirectory);
        if (target == data || StorageLocation.IsInside(data, target))
        {
            throw new BackupRefusedException($"{target} is inside the data directory {data}: a backup there is lost with it. Choose a directory outside.");
        }

        if (!BackupFiles.IsMissingOrEmpty(target))
        {
            throw new BackupRefusedException($"{target} is not empty: a backup goes into an empty or new directory, so nothing is overwritten.");
        }

        var created = !Directory.Exists(target);
        Directory.CreateDirectory(target);
        try
        {
            return await WriteIntoAsync(target, ct);
        }
        catch
        {
            BackupFiles.Clear(target, created);
            throw;
        }
    }

    private async Task<BackupManifest> WriteIntoAsync(string target, CancellationToken ct)
    {
        var takenUtc = time.GetUtcNow().UtcDateTime;
        var snapshotPath = Path.Combine(target, BackupManifest.DatabaseFile);
        DatabaseSnapshot.Copy(storage.DatabasePath, snapshotPath, busyTimeoutMs);
        var snapshot = DatabaseSnapshot.Read(snapshotPath);
        var files = new List<BackupFile> { await BackupFiles.DescribeAsync(snapshotPath, BackupManifest.DatabaseFile, ct) };

        var media = new MediaStore(storage);
        var gone = new List<string>();
        foreach (var key in snapshot.MediaKeys)
        {
            var source = media.PathFor(key);
            var relative = StorageLocation.RelativeKey(storage.DataDirectory, source);
            try
            {
                files.Add(await BackupFiles.CopyAsync(source, BackupFiles.Resolve(target, relative), relative, ct));
            }
            catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
            {
                gone.Add(key);
            }
        }

        files.AddRange(await CopyKeysAsync(target, ct));
        var manifest = new BackupManifest(
            BackupManifest.CurrentFormat, BackupManifest.CurrentAppVersion, takenUtc, snapshot.Counts, files, gone);
        await manifest.WriteAsync(target, ct);
        return manifest;
    }

    /// <summary>The key ring's XML files (the repository writes a temporary file and renames it, so only finished keys match).</summary>
    private async Task<List<BackupFile>> CopyKeysAsync(string target, CancellationToken ct)
    {
        var files = new List<BackupFile>();
        if (!Directory.Exists(storage.KeysDirectory))
        {
            return files;
        }

        foreach (var key in Directory.EnumerateFiles(storage.KeysDirectory, "*.xml").Order(StringComparer.Ordinal))
        {
            var relative = StorageLocation.RelativeKey(storage.DataDirectory, key);
            files.Add(await BackupFiles.CopyAsync(key, BackupFiles.Resolve(target, relative), relative, ct));
        }

        return files;
    }
}
