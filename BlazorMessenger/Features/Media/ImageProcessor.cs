using BlazorMessenger.Hosting;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace BlazorMessenger.Features.Media;

public sealed record EncodedImage(byte[] Data, string ContentType, int Width, int Height);

public sealed record ProcessedImage(EncodedImage Full, EncodedImage Thumbnail);

/// <summary>
/// Validates an upload by its bytes and limits, decodes it with SkiaSharp, turns it upright by its EXIF orientation and
/// re-encodes it, which drops all metadata (GPS included), then makes a thumbnail. Also used for profile pictures.
/// </summary>
public sealed class ImageProcessor(IOptions<MessengerOptions> options)
{
    public const string NotAnImage = "Only PNG, JPEG, GIF and WebP images can be sent.";
    public const string Damaged = "The image could not be read. It may be damaged or incomplete.";
    public const string Empty = "The file is empty.";

    private MediaOptions Limits => options.Value.Media;

    public long MaxBytes => Limits.MaxBytes;

    public string TooLarge => $"An image can be at most {Limits.MaxBytes / (1024.0 * 1024.0):0.#} MB.";

    public string TooManyPixels => $"An image can have at most {Limits.MaxPixels / 1_000_000.0:0.#} megapixels.";

    /// <summary>A picked picture's bytes (profile and group pictures), or why not: too large to even read.</summary>
    public async Task<ServiceResult<byte[]>> ReadPictureAsync(IBrowserFile file)
    {
        if (file.Size > MaxBytes)
        {
            return ServiceResult<byte[]>.Fail(TooLarge);
        }

        await using var stream = file.OpenReadStream(MaxBytes);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return ServiceResult<byte[]>.Ok(buffer.ToArray());
    }

    /// <param name="square">Crop the thumbnail to a centred square (profile pictures).</param>
    public ServiceResult<ProcessedImage> Process(byte[] bytes, bool square = false)
    {
        if (bytes.Length == 0)
        {
            return ServiceResult<ProcessedImage>.Fail(Empty);
        }

        if (bytes.Length > Limits.MaxBytes)
        {
            return ServiceResult<ProcessedImage>.Fail(TooLarge);
        }

        if (ImageFormats.Sniff(bytes) is not { } format)
        {
            return ServiceResult<ProcessedImage>.Fail(NotAnImage);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SkiaFormat(format))
        {
            return ServiceResult<ProcessedImage>.Fail(Damaged);
        }

        // The header's claim is checked before a single pixel is allocated.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > Limits.MaxPixels)
        {
            return ServiceResult<ProcessedImage>.Fail(TooManyPixels);
        }

        using var decoded = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return ServiceResult<ProcessedImage>.Fail(Damaged);
        }

        using var upright = Orientation.Apply(decoded, codec.EncodedOrigin);
        var full = format == ImageFormat.Gif && codec.FrameCount > 1
            ? new EncodedImage(bytes, "image/gif", width, height)
            : Encode(upright, format == ImageFormat.Jpeg ? SKEncodedImageFormat.Jpeg
                : format == ImageFormat.Webp ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Png, 88);
        using var small = Thumbnail(upright, Limits.ThumbnailSize, square);
        return ServiceResult<ProcessedImage>.Ok(new ProcessedImage(full, Encode(small, SKEncodedImageFormat.Webp, 80)));
    }

    private static SKEncodedImageFormat SkiaFormat(ImageFormat format) => format switch
    {
        ImageFormat.Png => SKEncodedImageFormat.Png,
        ImageFormat.Jpeg => SKEncodedImageFormat.Jpeg,
        ImageFormat.Gif => SKEncodedImageFormat.Gif,
        _ => SKEncodedImageFormat.Webp,
    };

    private static EncodedImage Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(format, quality)
            ?? throw new InvalidOperationException($"SkiaSharp could not encode {format}.");
        var contentType = format switch
        {
            SKEncodedImageFormat.Jpeg => "image/jpeg",
            SKEncodedImageFormat.Png => "image/png",
            _ => "image/webp",
        };
        return new EncodedImage(encoded.ToArray(), contentType, bitmap.Width, bitmap.Height);
    }

    private static SKBitmap Thumbnail(SKBitmap source, int longSide, bool square)
    {
        var crop = square
            ? SKRectI.Create((source.Width - Math.Min(source.Width, source.Height)) / 2,
                (source.Height - Math.Min(source.Width, source.Height)) / 2,
                Math.Min(source.Width, source.Height), Math.Min(source.Width, source.Height))
            : SKRectI.Create(0, 0, source.Width, source.Height);
        var scale = Math.Min(1.0, (double)longSide / Math.Max(crop.Width, crop.Height));
        var width = Math.Max(1, (int)Math.Round(crop.Width * scale));
        var height = Math.Max(1, (int)Math.Round(crop.Height * scale));

        var thumbnail = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(thumbnail);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, crop, SKRect.Create(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell), null);
        return thumbnail;
    }
}
