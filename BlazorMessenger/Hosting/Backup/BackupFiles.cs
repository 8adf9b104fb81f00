using System.Security.Cryptography;

namespace BlazorMessenger.Hosting.Backup;

/// <summary>The file work backup and restore share: copying with a checksum in one pass, and keeping paths where they belong.</summary>
internal static class BackupFiles
{
    private const int BufferSize = 81920;

    public static bool IsMissingOrEmpty(string directory) =>
        !Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any();

    /// <summary>Copies a file (the copy reaches the disk before this returns) and describes what was read.</summary>
    public static async Task<BackupFile> CopyAsync(string source, string destination, string relativePath, CancellationToken ct)
    {
        // FileShare.Delete: the app may remove a media file while it is being copied; the copy still gets all of it.
        await using var input = new FileStream(
            source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BufferSize, useAsync: true);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        await using var output = new FileStream(destination, OutputOptions(input));
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long bytes = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, ct)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), ct);
            bytes += read;
        }

        output.Flush(flushToDisk: true);
        return new BackupFile(relativePath, bytes, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public static async Task<BackupFile> DescribeAsync(string path, string relativePath, CancellationToken ct)
    {
        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        var hash = await SHA256.HashDataAsync(input, ct);
        return new BackupFile(relativePath, input.Length, Convert.ToHexStringLower(hash));
    }

    /// <summary>The path under root for a manifest's relative path, which may not lead out of it (a manifest is input).</summary>
    public static string Resolve(string root, string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(root, relativePath));
        if (Path.IsPathRooted(relativePath) || !StorageLocation.IsInside(root, path))
        {
            throw new BackupRefusedException($"The manifest names {relativePath}, which is outside the backup; nothing was restored.");
        }

        return path;
    }

    /// <summary>
    /// Removes what a failed run wrote into a directory that was empty or missing when it began (so nothing in it is
    /// anyone else's).
    /// </summary>
    public static void Clear(string directory, bool created)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        if (created)
        {
            Directory.Delete(directory, recursive: true);
            return;
        }

        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private static FileStreamOptions OutputOptions(FileStream input)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = BufferSize, Options = FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            // The key ring's files are readable by the app's user only; their copies stay so.
            options.UnixCreateMode = File.GetUnixFileMode(input.SafeFileHandle);
        }

        return options;
    }
}
