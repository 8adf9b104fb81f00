using System.Security.Claims;
using BlazorMessenger.Data;
using BlazorMessenger.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// GET /media/{id}/full|thumb (images) and /media/{id}/file (documents and voice notes): only members of the image's conversation get it (someone who left or was removed: only
    /// the images of messages from before, see <see cref="Membership"/>); everyone else (anonymous included) gets 404, so
    /// the endpoint does not even confirm that the image exists.
    /// </summary>
    public static IEndpointRouteBuilder MapMediaEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id}/{variant}", ServeAsync).RequireSameOrigin();
        return app;
    }

    private static async Task<IResult> ServeAsync(
        string id, string variant, bool? download, HttpContext http,
        IDbContextFactory<ApplicationDbContext> dbFactory, MediaStore store, CancellationToken ct)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null || variant is not ("full" or "thumb" or "file"))
        {
            return Results.NotFound();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var media = await db.Media.AsNoTracking()
            .Where(m => m.Id == id && db.ConversationMembers.Any(c => c.ConversationId == m.ConversationId && c.UserId == userId
                && (c.LeftSeq == null || db.Messages.Any(x => x.MediaId == m.Id && x.Seq <= c.LeftSeq))))
            .Select(m => new { m.Kind, m.StorageKey, m.ContentType, m.ThumbKey, m.ThumbContentType, m.FileName })
            .FirstOrDefaultAsync(ct);
        var (key, contentType) = media is null || (media.Kind == MediaKind.Image) != (variant != "file") ? (null, null)
            : variant == "thumb" ? (media.ThumbKey, media.ThumbContentType) : (media.StorageKey, media.ContentType);
        var path = key is null ? null : store.PathFor(key);
        if (path is null || contentType is null || !File.Exists(path))
        {
            return Results.NotFound();
        }

        if (media!.Kind != MediaKind.Image)
        {
            // Whatever was uploaded never runs as this site's page: a download, in a type from the safe list (see MediaRules).
            return ProtectedFile.Serve(http, path, key!, MediaRules.ServedType(contentType), media.FileName ?? "file", ranges: true);
        }

        var downloadName = download == true ? $"image-{id}.{ImageFormats.Extension(contentType)}" : null;
        return ProtectedFile.Serve(http, path, key!, contentType, downloadName);
    }
}
