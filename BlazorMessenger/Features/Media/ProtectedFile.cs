using System.Security.Cryptography;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace BlazorMessenger.Features.Media;

/// <summary>How every stored file is answered once the endpoint has checked that the requester may have it.</summary>
public static class ProtectedFile
{
    /// <summary>
    /// The browser may keep a copy but asks each time (<c>private, no-cache</c> with an ETag, answered 304 while allowed):
    /// after a sign-out or a removal from the conversation the 404 wins over the cache. Never sniffed into another type.
    /// </summary>
    public static IResult Serve(HttpContext http, string path, string storageKey, string contentType, string? downloadName = null, bool ranges = false)
    {
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(storageKey)), 0, 12)}\"");
        return Results.File(path, contentType, downloadName, entityTag: tag, enableRangeProcessing: ranges);
    }
}
