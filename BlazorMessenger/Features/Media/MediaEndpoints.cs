using BlazorMessenger.Data;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Media;

public static class MediaEndpoints
{
    /// <summary>
    /// GET /media/{id}/full|thumb (images) and /media/{id}/file (documents and voice notes): for the people who may read
    /// the message it came with (see <see cref="Membership.MediaReadableBy"/>); everyone else, anonymous included, gets
    /// 404, so the endpoint does not even confirm that it exists.
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
        if (ProtectedFile.Requester(http) is not { } userId || variant is not ("full" or "thumb" or "file"))
        {
            return Results.NotFound();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var media = await db.MediaReadableBy(userId).AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new { m.Kind, m.StorageKey, m.ContentType, m.ThumbKey, m.ThumbContentType, m.FileName })
            .FirstOrDefaultAsync(ct);
        if (media is null || (media.Kind == MediaKind.Image) == (variant == "file"))
        {
            return Results.NotFound();
        }

        if (media.Kind != MediaKind.Image)
        {
            // Whatever was uploaded never runs as this site's page: a download, in a type from the safe list (see MediaRules).
            return ProtectedFile.Serve(http, store, media.StorageKey, MediaRules.ServedType(media.ContentType), media.FileName ?? "file", ranges: true);
        }

        return variant == "thumb"
            ? ProtectedFile.Serve(http, store, media.ThumbKey, media.ThumbContentType)
            : ProtectedFile.Serve(http, store, media.StorageKey, media.ContentType,
                download == true ? $"image-{id}.{ImageFormats.Extension(media.ContentType)}" : null);
    }
}
