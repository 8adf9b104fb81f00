using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Hosting.Backup;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Hosting.Backup;

public sealed class DataBackupTests
{
    private static readonly Dictionary<string, string?> Unlimited = new()
    {
        ["Messenger:RateLimits:MessageBurst"] = "1000000",
        ["Messenger:RateLimits:MessagesPerMinute"] = "1000000",
    };

    [Fact]
    public async Task A_backup_taken_while_messages_are_sent_restores_every_message_acknowledged_before_it_began()
    {
        var ct = TestContext.Current.CancellationToken;
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync(Unlimited);
        var (document, content) = await Backups.SendDocumentAsync(bed, bytes: 300_000);
        var cookie = bed.Services.Get<IDataProtectionProvider>().CreateProtector("backup test").Protect("alice is signed in");

        var acknowledged = new Acknowledgements();
        using var stop = new CancellationTokenSource();
        var senders = new[] { bed.Alice, bed.Bob, bed.Alice, bed.Bob }
            .Select((sender, loop) => Task.Run(() => SendUntilStoppedAsync(bed, sender, loop, acknowledged, stop.Token), ct))
            .ToArray();
        await UntilAsync(acknowledged.WaitForAsync(40), senders);

        var before = acknowledged.Snapshot();
        var directory = backups.NewDirectory("bm-backup");
        var manifest = await Backups.Of(bed.Services).WriteAsync(directory, ct);
        // The senders go on after the backup: the app was never stopped.
        await UntilAsync(acknowledged.WaitForAsync(acknowledged.Count + 40), senders);
        await stop.CancelAsync();
        await Task.WhenAll(senders);

        var restoredDirectory = backups.NewDirectory("bm-restored");
        await Backups.Into(restoredDirectory).RestoreAsync(directory, ct);
        await using var restored = await TestServices.CreateAsync(dataDirectory: restoredDirectory);
        await using var db = await restored.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(ct);

        var stored = (await db.Messages.Select(m => m.ClientMessageId).ToListAsync(ct)).ToHashSet();
        Assert.Subset(stored, before.ToHashSet());
        Assert.Equal(manifest.Counts, new BackupCounts(
            await db.Users.LongCountAsync(ct), await db.Conversations.LongCountAsync(ct),
            await db.Messages.LongCountAsync(ct), await db.Media.LongCountAsync(ct)));
        Assert.True(await LiveMessageCountAsync(bed) > manifest.Counts.Messages);

        // One transaction's view: every Seq up to the conversation's LastSeq, no gap, and the search index agrees.
        var seqs = await db.Messages.Where(m => m.ConversationId == bed.ConversationId).OrderBy(m => m.Seq).Select(m => m.Seq).ToListAsync(ct);
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(seqs.Count, (await db.Conversations.SingleAsync(c => c.Id == bed.ConversationId, ct)).LastSeq);
        Assert.Equal(
            await db.Messages.LongCountAsync(m => m.Body.StartsWith("loop "), ct),
            await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS Value FROM MessagesFts WHERE MessagesFts MATCH 'loop'").SingleAsync(ct));

        var key = (await Backups.MediaRowAsync(restored, document.File!.Id)).StorageKey;
        Assert.Equal(content, await File.ReadAllBytesAsync(restored.Get<MediaStore>().PathFor(key), ct));
        Assert.Equal("alice is signed in", restored.Get<IDataProtectionProvider>().CreateProtector("backup test").Unprotect(cookie));
        if (!OperatingSystem.IsWindows())
        {
            string[] keyCopies = [.. Directory.GetFiles(Path.Combine(directory, "keys")), .. Directory.GetFiles(Path.Combine(restoredDirectory, "keys"))];
            Assert.NotEmpty(keyCopies);
            foreach (var copy in keyCopies)
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(copy));
            }
        }
    }

    [Fact]
    public async Task A_media_file_deleted_before_it_is_copied_is_listed_as_gone_and_the_rest_is_backed_up()
    {
        var ct = TestContext.Current.CancellationToken;
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var (kept, _) = await Backups.SendDocumentAsync(bed);
        var (removed, _) = await Backups.SendDocumentAsync(bed);
        var removedKey = (await Backups.MediaRowAsync(bed.Services, removed.File!.Id)).StorageKey;
        var keptKey = (await Backups.MediaRowAsync(bed.Services, kept.File!.Id)).StorageKey;
        bed.Services.Get<MediaStore>().Delete(removedKey);

        var (directory, manifest) = await backups.TakeAsync(bed);

        Assert.Equal([removedKey], manifest.GoneMedia);
        Assert.Equal(2, manifest.Counts.Media);
        Assert.Contains(manifest.Files, f => f.Path == $"media/{keptKey}");
        Assert.DoesNotContain(manifest.Files, f => f.Path == $"media/{removedKey}");
        Assert.True(File.Exists(Path.Combine(directory, "media", keptKey)));
        await Backups.Into(backups.NewDirectory("bm-restored")).RestoreAsync(directory, ct);
    }

    [Fact]
    public async Task Backup_leaves_out_media_files_the_snapshot_does_not_refer_to()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var stray = MediaStore.KeyFor(MediaStore.NewId(), ".bin");
        await bed.Services.Get<MediaStore>().WriteAsync(stray, [1, 2, 3], TestContext.Current.CancellationToken);

        var (directory, manifest) = await backups.TakeAsync(bed);

        Assert.DoesNotContain(manifest.Files, f => f.Path.EndsWith(stray, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(directory, "media", stray)));
        Assert.Contains(manifest.Files, f => f.Path == BackupManifest.DatabaseFile);
    }

    [Fact]
    public async Task Backup_refuses_a_directory_that_is_not_empty_and_leaves_it_alone()
    {
        using var backups = new Backups();
        await using var bed = await ChatTestBed.CreateAsync();
        var directory = backups.NewDirectory("bm-backup");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "earlier.txt"), "an earlier backup", TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => Backups.Of(bed.Services).WriteAsync(directory, TestContext.Current.CancellationToken));

        Assert.Contains("is not empty", refused.Message);
        Assert.Equal(["earlier.txt"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Backup_refuses_a_directory_inside_the_data_directory()
    {
        await using var bed = await ChatTestBed.CreateAsync();
        var inside = Path.Combine(bed.Services.DataDirectory, "backups", "today");

        var refused = await Assert.ThrowsAsync<BackupRefusedException>(
            () => Backups.Of(bed.Services).WriteAsync(inside, TestContext.Current.CancellationToken));

        Assert.Contains("inside the data directory", refused.Message);
        Assert.False(Directory.Exists(inside));
    }

    private static async Task SendUntilStoppedAsync(ChatTestBed bed, string sender, int loop, Acknowledgements acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var id = Guid.NewGuid();
            var sent = await bed.Chat.SendAsync(sender, bed.ConversationId, id, $"loop {loop} message {n}", ct: TestContext.Current.CancellationToken);
            Assert.True(sent.Succeeded, sent.Error);
            acknowledged.Add(id);
        }
    }

    /// <summary>Waits for reached, or for a sender's failure to surface.</summary>
    private static async Task UntilAsync(Task reached, Task[] senders) =>
        await await Task.WhenAny(reached, Task.WhenAll(senders)).WaitAsync(TestContext.Current.CancellationToken);

    private static async Task<long> LiveMessageCountAsync(ChatTestBed bed)
    {
        await using var db = await bed.Services.Get<IDbContextFactory<ApplicationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Messages.LongCountAsync(TestContext.Current.CancellationToken);
    }
}
