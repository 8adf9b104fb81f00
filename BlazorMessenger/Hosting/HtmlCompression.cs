using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Hosting;

/// <summary>
/// Pages (HTML) are compressed, brotli else gzip, unless that could leak what they hold (BREACH): a signed-in page carries
/// the reader's messages and can echo what the address asks for (a search), so another site that makes the browser load
/// it many times and watches the encrypted sizes could guess the text. Such a page is compressed only when no other
/// site started the request (Sec-Fetch-Site same-origin, or none for an address typed or bookmarked). Signed-out pages
/// hold no secret but the antiforgery token, which is encrypted afresh for every response, so they are always compressed.
/// Static files come compressed from MapStaticAssets and are not touched here.
/// </summary>
public sealed class HtmlCompression(IServiceProvider services, IOptions<ResponseCompressionOptions> options)
    : ResponseCompressionProvider(services, options)
{
    public override bool ShouldCompressResponse(HttpContext context) =>
        base.ShouldCompressResponse(context) && IsSafeToCompress(context);

    private static bool IsSafeToCompress(HttpContext context) =>
        context.User.Identity?.IsAuthenticated != true
        || context.Request.Headers["Sec-Fetch-Site"] is ["same-origin"] or ["none"];

    public static void Configure(ResponseCompressionOptions options)
    {
        options.EnableForHttps = true;
        options.MimeTypes = ["text/html"];
        options.Providers.Add<BrotliCompressionProvider>();
        options.Providers.Add<GzipCompressionProvider>();
    }
}
