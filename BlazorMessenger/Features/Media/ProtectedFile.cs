using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace BlazorMessenger.Features.Media;

/// <summary>
/// How every stored file (message media, documents, voice notes, avatars, group pictures) is served: the endpoint asks
/// <see cref="Membership"/> whether the requester may have it and passes what it found here; everything else — who is
/// asking, the path, a missing file, the headers — is in this one place.
/// </summary>
public static class ProtectedFile
{
    /// <summary>The signed-in requester's user id, or null (anonymous requests get 404 like strangers).</summary>
    public static string? Requester(HttpContext http) => http.User.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>
    /// The stored file, or 404 when the requester may not have it (a null key) or it is gone. The browser may keep a copy
    /// but asks each time (<c>private, no-cache</c> with an ETag, answered 304 while allowed): after a sign-out or a
    /// removal from the conversation the 404 wins over the cache. Never sniffed into another type.
    /// </summary>
    public static IResult Serve(
        HttpContext http, MediaStore store, string? storageKey, string? contentType, string? downloadName = null, bool ranges = false)
    {
        var path = storageKey is null ? null : store.PathFor(storageKey);
        if (path is null || contentType is null || !File.Exists(path))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(storageKey!)), 0, 12)}\"");
        return Results.File(path, contentType, downloadName, entityTag: tag, enableRangeProcessing: ranges);
    }
}
