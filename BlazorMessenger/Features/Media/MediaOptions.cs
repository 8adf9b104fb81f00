namespace BlazorMessenger.Features.Media;

public sealed class MediaOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Media";

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest document or voice note.</summary>
    public long MaxFileBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>What one person's uploads (images, documents, voice notes) may take together.</summary>
    public long UserQuotaBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>Longest voice note.</summary>
    public int MaxVoiceSeconds { get; set; } = 300;

    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>The long side of a thumbnail, in pixels.</summary>
    public int ThumbnailSize { get; set; } = 320;

    /// <summary>An animated GIF's frames together (width × height × frames): the browsers that show it decode them all.</summary>
    public long MaxAnimationPixels { get; set; } = 200_000_000;

    /// <summary>Larger images are stored scaled down to this long side (JPEG and WebP are decoded at the smaller size).</summary>
    public int MaxSide { get; set; } = 4096;

    /// <summary>Memory all images being decoded at one moment may take together (one image of MaxPixels needs about 280 MB).</summary>
    public double DecodeBudgetMb { get; set; } = 320;

    /// <summary>How long an upload waits for room in that budget before it is refused.</summary>
    public double DecodeWaitSeconds { get; set; } = 10;
}
