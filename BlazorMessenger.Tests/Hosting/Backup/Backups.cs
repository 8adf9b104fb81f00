using System.Security.Cryptography;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Hosting;
using BlazorMessenger.Hosting.Backup;
using BlazorMessenger.Tests.Features.Chat;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Tests.Hosting.Backup;

/// <summary>Backups of a test bed's data directory into temporary directories, removed with this.</summary>
public sealed class Backups : IDisposable
{
    private readonly List<string> _directories = [];

    /// <summary>A new, not yet existing directory.</summary>
    public string NewDirectory(string prefix)
    {
        var path = TempDirectory.NewPath(prefix);
        _directories.Add(path);
        return path;
    }

    public static DataBackup Of(TestServices services) =>
        new(new StorageLocation(services.DataDirectory), busyTimeoutMs: 5000, TimeProvider.System);

    public static DataRestore Into(string dataDirectory) => new(new StorageLocation(dataDirectory));

    /// <summary>A backup of the bed as it is now, in a new directory.</summary>
    public async Task<(string Directory, BackupManifest Manifest)> TakeAsync(ChatTestBed bed)
    {
        var directory = NewDirectory("bm-backup");
        return (directory, await Of(bed.Services).WriteAsync(directory, TestContext.Current.CancellationToken));
    }

    /// <summary>alice sends a document of random bytes; returns its message and the bytes.</summary>
    public static async Task<(ChatMessage Message, byte[] Content)> SendDocumentAsync(ChatTestBed bed, int bytes = 100_000)
    {
        var content = RandomNumberGenerator.GetBytes(bytes);
        var sent = await bed.Attachments.SendFileAsync(
            bed.Alice, bed.ConversationId, Guid.NewGuid(), new FileUpload(new MemoryStream(content), "plan.pdf", "application/pdf"),
            "the plan", ct: TestContext.Current.CancellationToken);
        Assert.True(sent.Succeeded, sent.Error);
        return (sent.Value!, content);
    }

    public static async Task<Media> MediaRowAsync(TestServices services, string mediaId)
    {
        await using var db = await services.Get<IDbContextFactory<ApplicationDbContext>>()
            .CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Media.FindAsync([mediaId], TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException($"No media row {mediaId}.");
    }

    public void Dispose()
    {
        foreach (var directory in _directories)
        {
            TempDirectory.Delete(directory);
        }
    }
}
