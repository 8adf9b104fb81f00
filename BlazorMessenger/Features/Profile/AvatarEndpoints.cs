using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Profile;

public static class AvatarEndpoints
{
    /// <summary>
    /// GET /avatars/{id}: a user's current profile picture (square thumbnail), for signed-in people; a group's picture,
    /// for the people in the group now (see <see cref="Membership.GroupPicturesSeenBy"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapAvatarEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/avatars/{id}", ServeAsync).RequireSameOrigin();
        return app;
    }

    private static async Task<IResult> ServeAsync(
        string id, HttpContext http, IDbContextFactory<ApplicationDbContext> dbFactory, MediaStore store, CancellationToken ct)
    {
        if (ProtectedFile.Requester(http) is not { } userId)
        {
            return Results.NotFound();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var groupPictures = db.GroupPicturesSeenBy(userId);
        var thumb = await db.Media.AsNoTracking()
            .Where(m => m.Id == id && m.ConversationId == null && (db.Users.Any(u => u.AvatarMediaId == m.Id) || groupPictures.Contains(m.Id)))
            .Select(m => new { m.ThumbKey, m.ThumbContentType })
            .FirstOrDefaultAsync(ct);
        return ProtectedFile.Serve(http, store, thumb?.ThumbKey, thumb is null ? null : thumb.ThumbContentType ?? "image/webp");
    }
}
