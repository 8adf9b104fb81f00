using System.Security.Claims;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Profile;

public static class AvatarEndpoints
{
    /// <summary>
    /// GET /avatars/{id}: a user's current profile picture (square thumbnail), for signed-in people; a group's picture,
    /// for the people in the group now.
    /// </summary>
    public static IEndpointRouteBuilder MapAvatarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/avatars/{id}", ServeAsync).RequireSameOrigin();
        return app;
    }

    private static async Task<IResult> ServeAsync(
        string id, HttpContext http, IDbContextFactory<ApplicationDbContext> dbFactory, MediaStore store, CancellationToken ct)
    {
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return Results.NotFound();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var thumb = await db.Media.AsNoTracking()
            .Where(m => m.Id == id && m.ConversationId == null && (db.Users.Any(u => u.AvatarMediaId == m.Id)
                || db.Conversations.Any(c => c.PictureMediaId == m.Id && c.Members.Any(x => x.UserId == userId && x.LeftSeq == null))))
            .Select(m => new { m.ThumbKey, m.ThumbContentType })
            .FirstOrDefaultAsync(ct);
        var path = thumb?.ThumbKey is null ? null : store.PathFor(thumb.ThumbKey);
        if (path is null || !File.Exists(path))
        {
            return Results.NotFound();
        }

        return ProtectedFile.Serve(http, path, thumb!.ThumbKey!, thumb.ThumbContentType ?? "image/webp");
    }
}
