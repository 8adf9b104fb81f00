using BlazorMessenger.Features.Shared;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace BlazorMessenger.Features.Media;

public sealed record EncodedImage(byte[] Data, string ContentType, int Width, int Height);

public sealed record ProcessedImage(EncodedImage Full, EncodedImage Thumbnail);

/// <summary>
/// Validates an upload by its bytes and limits, decodes it with SkiaSharp, turns it upright by its EXIF orientation and
/// re-encodes it, which drops all metadata (GPS included), then makes a thumbnail. Animated GIFs are rebuilt from their
/// frames instead (GifRewriter), leaving their metadata behind the same way. Also used for profile pictures.
/// </summary>
public sealed partial class ImageProcessor(IOptions<MediaOptions> options, ImageDecodeBudget budget)
{
    public const string NotAnImage = "Only PNG, JPEG, GIF and WebP images can be sent.";
    public const string Damaged = "The image could not be read. It may be damaged or incomplete.";
    public const string Empty = "The file is empty.";
    public const string Busy = "Many images are being processed right now. Please send this one again in a moment.";

    private MediaOptions Limits => options.Value;

    public long MaxBytes => Limits.MaxBytes;

    public string TooLarge => $"An image can be at most {Limits.MaxBytes / (1024.0 * 1024.0):0.#} MB.";

    public const string TooBigToDecode = "This image is too large for this server to process. Please send a smaller one.";

    public string TooLongAnimation =>
        $"An animation can have at most {Limits.MaxAnimationPixels / 1_000_000.0:0.#} megapixels in all its frames together.";

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

    /// <summary>
    /// Processes the image once its decoding fits in the process-wide memory budget (<see cref="ImageDecodeBudget"/>),
    /// off the caller's thread.
    /// </summary>
    /// <param name="square">Crop the thumbnail to a centred square (profile pictures).</param>
    public async Task<ServiceResult<ProcessedImage>> ProcessAsync(byte[] bytes, bool square = false, CancellationToken ct = default)
    {
        var plan = Plan(bytes);
        if (plan.Error is { } error)
        {
            return ServiceResult<ProcessedImage>.Fail(error);
        }

        using var lease = await budget.AcquireAsync(plan.Value!.MemoryBytes, ct);
        if (lease is null)
        {
            return ServiceResult<ProcessedImage>.Fail(plan.Value.MemoryBytes > budget.Capacity ? TooBigToDecode : Busy);
        }

        return await Task.Run(() => Run(bytes, plan.Value, square), ct);
    }

    /// <summary>The work itself, outside the budget: callers go through <see cref="ProcessAsync"/>.</summary>
    public ServiceResult<ProcessedImage> Process(byte[] bytes, bool square = false)
    {
        var planned = Plan(bytes);
        return planned.Value is { } plan ? Run(bytes, plan, square) : ServiceResult<ProcessedImage>.Fail(planned.Error!);
    }

    private ServiceResult<ProcessedImage> Run(byte[] bytes, ImagePlan plan, bool square)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        using var decoded = new SKBitmap(new SKImageInfo(plan.Decoded.Width, plan.Decoded.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(decoded.Info, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return ServiceResult<ProcessedImage>.Fail(Damaged);
        }

        using var resized = plan.Decoded == plan.Stored ? null : Draw(decoded, SKRectI.Create(decoded.Width, decoded.Height), plan.Stored);
        using var turned = plan.Origin == SKEncodedOrigin.TopLeft ? null : Orientation.Apply(resized ?? decoded, plan.Origin);
        var upright = turned ?? resized ?? decoded;
        EncodedImage full;
        if (plan.Animated)
        {
            if (GifRewriter.Rewrite(bytes) is not { } animation)
            {
                return ServiceResult<ProcessedImage>.Fail(Damaged);
            }

            full = new EncodedImage(animation, "image/gif", plan.Decoded.Width, plan.Decoded.Height);
        }
        else
        {
            full = Encode(upright, plan.Format == ImageFormat.Jpeg ? SKEncodedImageFormat.Jpeg
                : plan.Format == ImageFormat.Webp ? SKEncodedImageFormat.Webp : SKEncodedImageFormat.Png, 88);
        }

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
        using var pixels = bitmap.PeekPixels();
        using var encoded = pixels.Encode(format, quality)
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
        return Draw(source, crop, new SKSizeI(Math.Max(1, (int)Math.Round(crop.Width * scale)), Math.Max(1, (int)Math.Round(crop.Height * scale))));
    }

    /// <summary>The crop of source, scaled to size with a good filter.</summary>
    private static SKBitmap Draw(SKBitmap source, SKRectI crop, SKSizeI size)
    {
        var result = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        // Drawn straight from the bitmap's pixels: SKImage.FromBitmap would copy them first (the decoding budget counts no copy).
        using var pixels = source.PeekPixels();
        using var image = SKImage.FromPixels(pixels);
        canvas.DrawImage(image, crop, SKRect.Create(size.Width, size.Height), new SKSamplingOptions(SKCubicResampler.Mitchell), null);
        return result;
    }
}
