using System.Text.Json;
using BlazorMessenger.Hosting.Backup;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;

namespace BlazorMessenger.Tests.Hosting.Backup;

public sealed class DataRestoreTests
{
    [Fact]
    public async Task Restore_refuses_a_data_directory_that_is_not_empty_and_leaves_it_as_it_was()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var (directory, _) = await backups.TakeAsync(bed);
        var live = backups.NewDirectory("bm-live");
        Directory.CreateDirectory(live);
        await File.WriteAllTextAsync(Path.Combine(live, "messenger.db"), "live data", TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => Backups.Into(live).RestoreAsync(directory, TestContext.Current.CancellationToken));

        Assert.Equal(
            $"The data directory {live} is not empty: restore only fills an empty one, so live data is never overwritten. Point Messenger:DataDirectory at an empty directory, or move this one away first.",
            refused.Message);
        Assert.Equal(["messenger.db"], Directory.EnumerateFileSystemEntries(live).Select(Path.GetFileName));
        Assert.Equal("live data", await File.ReadAllTextAsync(Path.Combine(live, "messenger.db"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Restore_refuses_a_backup_with_a_changed_file_and_writes_nothing()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var (document, _) = await Backups.SendDocumentAsync(bed);
        var (directory, manifest) = await backups.TakeAsync(bed);
        var key = (await Backups.MediaRowAsync(bed.Services, document.File!.Id)).StorageKey;
        var tampered = Path.Combine(directory, "media", key);
        var bytes = await File.ReadAllBytesAsync(tampered, TestContext.Current.CancellationToken);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(tampered, bytes, TestContext.Current.CancellationToken);
        var data = backups.NewDirectory("bm-restored");

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => Backups.Into(data).RestoreAsync(directory, TestContext.Current.CancellationToken));

        Assert.Equal(
            $"media/{key} in {directory} does not match its SHA-256 in the manifest (damaged or changed since the backup); nothing was restored.",
            refused.Message);
        Assert.Equal(bytes.Length, manifest.Files.Single(f => f.Path == $"media/{key}").Bytes);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Restore_refuses_a_directory_without_a_manifest()
    {
        using var backups = new Backups();
        var notABackup = backups.NewDirectory("bm-backup");
        Directory.CreateDirectory(notABackup);
        var data = backups.NewDirectory("bm-restored");

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => Backups.Into(data).RestoreAsync(notABackup, TestContext.Current.CancellationToken));

        Assert.Contains("is not a finished backup", refused.Message);
        Assert.False(Directory.Exists(data));
    }

    [Fact]
    public async Task Restore_refuses_a_manifest_that_names_a_file_outside_the_backup()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var (directory, manifest) = await backups.TakeAsync(bed);
        var escaping = manifest with { Files = [.. manifest.Files, new BackupFile("../../etc/passwd", 1, "00")] };
        await File.WriteAllTextAsync(
            Path.Combine(directory, BackupManifest.FileName), JsonSerializer.Serialize(escaping, JsonSerializerOptions.Web),
            TestContext.Current.CancellationToken);
        var data = backups.NewDirectory("bm-restored");

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => Backups.Into(data).RestoreAsync(directory, TestContext.Current.CancellationToken));

        Assert.Contains("../../etc/passwd, which is outside the backup", refused.Message);
        Assert.False(Directory.Exists(data));
    }
}
