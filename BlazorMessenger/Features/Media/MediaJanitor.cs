using BlazorMessenger.Data;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Media;

/// <summary>
/// Start-up clean-up: removes media that no message (or, for profile and group pictures, no user or group) refers to, and files that no
/// media row describes.
/// </summary>
public sealed class MediaJanitor(
    IDbContextFactory<ApplicationDbContext> dbFactory, MediaStore store, TimeProvider time, ILogger<MediaJanitor> logger)
{
    private static readonly TimeSpan UploadGrace = TimeSpan.FromHours(1);

    public async Task<int> RemoveOrphansAsync(CancellationToken ct)
    {
        var startedUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var unreferenced = await db.Media
            .Where(m => m.ConversationId != null
                ? !db.Messages.Any(x => x.MediaId == m.Id)
                : !db.Users.Any(u => u.AvatarMediaId == m.Id) && !db.Conversations.Any(c => c.PictureMediaId == m.Id))
            .Select(m => m.Id)
            .ToListAsync(ct);
        if (unreferenced.Count > 0)
        {
            await db.Media.Where(m => unreferenced.Contains(m.Id)).ExecuteDeleteAsync(ct);
        }

        // By key, not by id: a forwarded copy's row shares the files named after the original's id.
        var keys = await db.Media.Select(m => new { m.StorageKey, m.ThumbKey }).ToListAsync(ct);
        var known = keys.SelectMany(k => new[] { k.StorageKey, k.ThumbKey }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var removed = 0;
        foreach (var key in store.EnumerateKeys().ToList())
        {
            // A file written since shortly before start-up may be an upload whose message is about to commit.
            if (!known.Contains(key) && File.GetLastWriteTimeUtc(store.PathFor(key)) < startedUtc - UploadGrace)
            {
                store.Delete(key);
                removed++;
            }
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} media files that no message refers to.", removed);
        }

        return removed;
    }
}
