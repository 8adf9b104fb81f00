namespace BlazorMessenger.Features.Media;

public enum ImageFormat
{
    Png,
    Jpeg,
    Gif,
    Webp,
}

/// <summary>Tells the format from the file's first bytes; names and the browser's claimed type are never trusted.</summary>
public static class ImageFormats
{
    public static ImageFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }

        return null;
    }

    /// <summary>The types a person may pick (the file picker's filter); what arrives is still sniffed.</summary>
    public static readonly string[] Accepted = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static string ContentType(ImageFormat format) => format switch
    {
        ImageFormat.Png => "image/png",
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Gif => "image/gif",
        _ => "image/webp",
    };

    public static string Extension(string contentType) => contentType switch
    {
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/gif" => "gif",
        _ => "webp",
    };
}
