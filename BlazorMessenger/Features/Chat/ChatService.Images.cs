using BlazorMessenger.Data;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Chat;

public sealed partial class ChatService
{
    /// <summary>
    /// Where an image message stands among the conversation's images (not deleted), for the viewer's previous / next:
    /// the neighbours on either side, its position counted from the oldest, and how many there are.
    /// </summary>
    public async Task<ImageNavigation> GetImageNavigationAsync(
        string userId, long conversationId, long seq, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var images = (await db.ReadableInAsync(userId, conversationId, ct)).Where(m => m.Kind == MessageKind.Image && m.MediaId != null && m.DeletedUtc == null);
        var previous = await images.Where(m => m.Seq < seq).OrderByDescending(m => m.Seq).Select(ToRecord).FirstOrDefaultAsync(ct);
        var next = await images.Where(m => m.Seq > seq).OrderBy(m => m.Seq).Select(ToRecord).FirstOrDefaultAsync(ct);
        var position = await images.CountAsync(m => m.Seq <= seq, ct);
        var count = await images.CountAsync(ct);
        return new ImageNavigation(previous, next, position, count);
    }
}
