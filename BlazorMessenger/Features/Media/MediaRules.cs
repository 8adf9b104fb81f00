using System.Text;

namespace BlazorMessenger.Features.Media;

/// <summary>Limits, names and types for documents and voice notes (images have theirs in ImageProcessor).</summary>
public static class MediaRules
{
    public const int MaxFileNameLength = 255;

    public const string SlowDown = "You're sending files too quickly. Try again in a moment.";
    public const string EmptyFile = "This file is empty.";
    public const string NotAFile = "Images are sent as pictures.";
    public const string NotAudio = "A voice message must be audio.";

    public static string Megabytes(long bytes) =>
        bytes >= 1024L * 1024 * 1024 ? $"{bytes / (1024.0 * 1024 * 1024):0.#} GB" : $"{bytes / (1024.0 * 1024):0.#} MB";

    /// <summary>Why an upload or a forwarded file does not fit in what the sender's files may take together.</summary>
    public static string QuotaReached(long quotaBytes) =>
        $"You've used your {Megabytes(quotaBytes)} of storage. Delete files you sent to make room.";

    /// <summary>
    /// The types a document keeps when served (always as an attachment, with nosniff); anything else goes out as
    /// application/octet-stream, so no upload can come back as HTML, SVG or script.
    /// </summary>
    private static readonly HashSet<string> SafeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "application/zip", "text/plain", "text/csv",
        "image/png", "image/jpeg", "image/gif", "image/webp",
        "audio/webm", "audio/ogg", "audio/mpeg", "audio/mp4", "audio/wav", "video/mp4", "video/webm",
    };

    public const string GenericType = "application/octet-stream";

    /// <summary>The type stored for an upload: its claimed type when on the safe list (parameters dropped), else generic.</summary>
    public static string StoredType(string? claimed)
    {
        var type = (claimed ?? "").Split(';')[0].Trim();
        return SafeTypes.Contains(type) ? type.ToLowerInvariant() : GenericType;
    }

    /// <summary>A voice note's download name, with the extension its container has.</summary>
    public static string VoiceFileName(string? type) => (type ?? "").Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "audio/ogg" => "voice-message.ogg",
        "audio/mp4" => "voice-message.m4a",
        "audio/mpeg" => "voice-message.mp3",
        "audio/wav" => "voice-message.wav",
        _ => "voice-message.webm",
    };

    public static string ServedType(string stored) => SafeTypes.Contains(stored) ? stored : GenericType;

    /// <summary>
    /// A name safe to show and to offer as a download: no folders, no control or bidi-override characters, no leading
    /// dots, at most 255 characters with the extension kept; "file" when nothing is left.
    /// </summary>
    public static string CleanFileName(string? name)
    {
        var last = (name ?? "").Replace('\\', '/').Split('/')[^1];
        var builder = new StringBuilder(last.Length);
        foreach (var c in last.Normalize(NormalizationForm.FormC))
        {
            var category = char.GetUnicodeCategory(c);
            builder.Append(category is System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                || c is '"' or '<' or '>' or '|' or ':' or '*' or '?' ? '_' : c);
        }

        var clean = builder.ToString().Trim().TrimStart('.').Trim();
        if (clean.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(clean);
            extension = extension.Length is > 0 and <= 16 ? extension : "";
            var cut = MaxFileNameLength - extension.Length;
            cut -= char.IsHighSurrogate(clean[cut - 1]) ? 1 : 0;
            clean = string.Concat(clean.AsSpan(0, cut), extension);
        }

        return clean.Length == 0 ? "file" : clean;
    }
}
