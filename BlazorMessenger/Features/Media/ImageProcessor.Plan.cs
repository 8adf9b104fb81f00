using BlazorMessenger.Features.Shared;
using SkiaSharp;

namespace BlazorMessenger.Features.Media;

public sealed partial class ImageProcessor
{
    /// <summary>
    /// What processing will take, from the bytes and the header alone: the size to decode at (JPEG and WebP can decode
    /// straight to a smaller size), the size to store (the long side at most MaxSide; an animation keeps its own), and
    /// the memory for the pixels along the way.
    /// </summary>
    private ServiceResult<ImagePlan> Plan(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return ServiceResult<ImagePlan>.Fail(Empty);
        }

        if (bytes.Length > Limits.MaxBytes)
        {
            return ServiceResult<ImagePlan>.Fail(TooLarge);
        }

        if (ImageFormats.Sniff(bytes) is not { } format)
        {
            return ServiceResult<ImagePlan>.Fail(NotAnImage);
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SkiaFormat(format))
        {
            return ServiceResult<ImagePlan>.Fail(Damaged);
        }

        // The header's claim is checked before a single pixel is allocated.
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > Limits.MaxPixels)
        {
            return ServiceResult<ImagePlan>.Fail(TooManyPixels);
        }

        var animated = format == ImageFormat.Gif && codec.FrameCount > 1;
        if (animated && (long)width * height * codec.FrameCount > Limits.MaxAnimationPixels)
        {
            return ServiceResult<ImagePlan>.Fail(TooLongAnimation);
        }

        var scale = animated ? 1 : Math.Min(1.0, (double)Limits.MaxSide / Math.Max(width, height));
        var stored = new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
        var decoded = scale < 1 ? codec.GetScaledDimensions((float)scale) : codec.Info.Size;
        if (decoded.Width < stored.Width || decoded.Height < stored.Height)
        {
            decoded = codec.Info.Size; // the codec can't land at or above the stored size: decode whole, then resize
        }

        long Pixels(SKSizeI size) => (long)size.Width * size.Height * 4;
        var memory = Pixels(decoded) + (decoded == stored ? 0 : Pixels(stored))
            + (codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? 0 : Pixels(stored));
        return ServiceResult<ImagePlan>.Ok(new ImagePlan(format, animated, codec.EncodedOrigin, decoded, stored, memory + memory / 4));
    }

    private sealed record ImagePlan(
        ImageFormat Format, bool Animated, SKEncodedOrigin Origin, SKSizeI Decoded, SKSizeI Stored, long MemoryBytes);
}
