using System.Text;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Tests.TestSupport;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace BlazorMessenger.Tests.Features.Media;

public sealed class ImageProcessorTests
{
    private readonly ImageProcessor _processor = Processor(new MediaOptions());

    private static ImageProcessor Processor(MediaOptions options, TimeProvider? time = null) =>
        new(Options.Create(options), new ImageDecodeBudget(Options.Create(options), time ?? TimeProvider.System));

    [Fact]
    public void A_jpeg_with_exif_gps_comes_out_without_any_metadata()
    {
        using var bitmap = TestImages.Halves(120, 80);
        var input = TestImages.JpegWithExif(bitmap, orientation: 1);
        Assert.Contains("Exif", Encoding.Latin1.GetString(input));

        var result = _processor.Process(input);

        var output = result.Value!.Full;
        Assert.Equal("image/jpeg", output.ContentType);
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(output.Data));
        Assert.False(HasSegment(output.Data, 0xE1), "The re-encoded JPEG still has an APP1 (EXIF) segment.");
        Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(result.Value.Thumbnail.Data));
    }

    [Fact]
    public void A_photo_with_exif_orientation_6_comes_out_upright()
    {
        using var bitmap = TestImages.Halves(200, 100);
        var input = TestImages.JpegWithExif(bitmap, orientation: 6);

        var output = _processor.Process(input).Value!.Full;

        using var decoded = SKBitmap.Decode(output.Data);
        Assert.Equal((100, 200), (decoded.Width, decoded.Height));
        Assert.Equal((100, 200), (output.Width, output.Height));
        AssertMostly(SKColors.Red, decoded.GetPixel(50, 20));
        AssertMostly(SKColors.Blue, decoded.GetPixel(50, 180));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    public void Png_webp_and_jpeg_pass_and_get_a_thumbnail_of_320_on_the_long_side(SKEncodedImageFormat format, string contentType)
    {
        using var bitmap = TestImages.Halves(800, 400);

        var result = _processor.Process(TestImages.Encode(bitmap, format));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(contentType, result.Value!.Full.ContentType);
        Assert.Equal((800, 400), (result.Value.Full.Width, result.Value.Full.Height));
        Assert.Equal((320, 160), (result.Value.Thumbnail.Width, result.Value.Thumbnail.Height));
        Assert.Equal("image/webp", result.Value.Thumbnail.ContentType);
    }

    [Fact]
    public void A_still_gif_is_re_encoded_and_an_animated_gif_keeps_its_frames_and_timing()
    {
        var still = _processor.Process(TestImages.Gif(frames: 1));
        var animatedBytes = TestImages.Gif(frames: 3);
        var animated = _processor.Process(animatedBytes);

        Assert.True(still.Succeeded, still.Error);
        Assert.Equal("image/png", still.Value!.Full.ContentType);
        Assert.True(animated.Succeeded, animated.Error);
        Assert.Equal("image/gif", animated.Value!.Full.ContentType);
        Assert.Equal(animatedBytes, animated.Value.Full.Data);
    }

    [Fact]
    public void An_animated_gif_loses_its_comments_xmp_gps_text_blocks_and_trailing_bytes()
    {
        var input = TestImages.GifWithMetadata(frames: 3);
        Assert.Contains("GPSLatitude", Encoding.Latin1.GetString(input));

        var result = _processor.Process(input);

        Assert.True(result.Succeeded, result.Error);
        var output = result.Value!.Full.Data;
        Assert.Equal(TestImages.Gif(frames: 3), output);
        using var codec = SKCodec.Create(SKData.CreateCopy(output));
        Assert.Equal(3, codec.FrameCount);
    }

    [Fact]
    public void An_animation_with_more_pixels_in_all_its_frames_than_allowed_is_refused()
    {
        var tight = Processor(new MediaOptions { MaxAnimationPixels = 2 });

        var result = tight.Process(TestImages.Gif(frames: 3));

        Assert.Equal(tight.TooLongAnimation, result.Error);
        Assert.True(tight.Process(TestImages.Gif(frames: 2)).Succeeded);
    }

    [Fact]
    public void An_animated_gif_cut_off_inside_its_first_frame_is_refused_as_damaged()
    {
        var animated = TestImages.Gif(frames: 3);

        Assert.Null(GifRewriter.Rewrite(animated.AsSpan(0, 13 + 6 + 19 + 8 + 12)));
        Assert.Equal(ImageProcessor.Damaged, _processor.Process(animated[..(13 + 6 + 19 + 8 + 14)]).Error);
    }

    [Fact]
    public void A_profile_picture_thumbnail_is_a_centred_square()
    {
        using var bitmap = TestImages.Halves(900, 300);

        var thumbnail = _processor.Process(TestImages.Encode(bitmap, SKEncodedImageFormat.Png), square: true).Value!.Thumbnail;

        Assert.Equal((300, 300), (thumbnail.Width, thumbnail.Height));
    }

    public static TheoryData<string, byte[], string> Refused => new()
    {
        { "svg", Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), ImageProcessor.NotAnImage },
        { "html renamed to png", Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>"), ImageProcessor.NotAnImage },
        { "truncated jpeg", TestImages.Encode(TestImages.Halves(400, 300), SKEncodedImageFormat.Jpeg)[..600], ImageProcessor.Damaged },
        { "truncated png", TestImages.Png(400, 300)[..100], ImageProcessor.Damaged },
        { "empty", [], ImageProcessor.Empty },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Files_that_are_not_safe_images_are_refused_with_a_clear_message(string what, byte[] bytes, string expected)
    {
        var result = _processor.Process(bytes);

        Assert.False(result.Succeeded, what);
        Assert.Equal(expected, result.Error);
    }

    [Fact]
    public void A_header_claiming_100000_by_100000_pixels_is_refused_before_decoding()
    {
        var result = _processor.Process(TestImages.PngClaiming(100_000, 100_000));

        Assert.Equal(_processor.TooManyPixels, result.Error);
        Assert.Equal("An image can have at most 40 megapixels.", result.Error);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused()
    {
        var small = Processor(new MediaOptions { MaxBytes = 1000 });

        var result = small.Process(TestImages.Png(400, 300));

        Assert.Equal(small.TooLarge, result.Error);
        Assert.Equal("An image can be at most 10 MB.", _processor.TooLarge);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void An_image_larger_than_the_longest_side_is_stored_scaled_down(SKEncodedImageFormat format)
    {
        using var bitmap = TestImages.Halves(3000, 1500);
        var capped = Processor(new MediaOptions { MaxSide = 1000 });

        var result = capped.Process(TestImages.Encode(bitmap, format));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((1000, 500), (result.Value!.Full.Width, result.Value.Full.Height));
        using var stored = SKBitmap.Decode(result.Value.Full.Data);
        Assert.Equal((1000, 500), (stored.Width, stored.Height));
        Assert.True(stored.GetPixel(100, 250) is { Red: > 240, Blue: < 16 }, "The left half is no longer red.");
        Assert.True(stored.GetPixel(900, 250) is { Blue: > 240, Red: < 16 }, "The right half is no longer blue.");
    }

    [Fact]
    public async Task An_image_that_could_never_fit_the_decoding_budget_is_refused_at_once()
    {
        var tight = Processor(new MediaOptions { DecodeBudgetMb = 0.25 });

        var result = await tight.ProcessAsync(TestImages.Png(400, 300), ct: TestContext.Current.CancellationToken);

        Assert.Equal(ImageProcessor.TooBigToDecode, result.Error);
    }

    [Fact]
    public async Task Within_the_budget_an_image_is_processed_and_its_memory_given_back()
    {
        var options = new MediaOptions();
        var budget = new ImageDecodeBudget(Options.Create(options), TimeProvider.System);
        var processor = new ImageProcessor(Options.Create(options), budget);

        var result = await processor.ProcessAsync(TestImages.Png(400, 300), ct: TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(0, budget.InUse);
    }

    private static bool HasSegment(byte[] jpeg, byte marker)
    {
        for (var i = 2; i + 3 < jpeg.Length && jpeg[i] == 0xFF;)
        {
            if (jpeg[i + 1] == marker)
            {
                return true;
            }

            if (jpeg[i + 1] == 0xDA)
            {
                return false;
            }

            i += 2 + (jpeg[i + 2] << 8 | jpeg[i + 3]);
        }

        return false;
    }

    private static void AssertMostly(SKColor expected, SKColor actual) =>
        Assert.True(Math.Abs(expected.Red - actual.Red) < 40 && Math.Abs(expected.Blue - actual.Blue) < 40,
            $"Expected about {expected}, got {actual}.");
}
