namespace BlazorMessenger.Features.Media;

/// <summary>Sizes and lengths as people read them: "2.4 MB", "512 KB", "1:05".</summary>
public static class MediaSizes
{
    public static string Of(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024.0):0.0} MB" : $"{Math.Max(1, bytes / 1024)} KB";

    public static string Duration(int milliseconds)
    {
        var seconds = Math.Max(1, milliseconds / 1000);
        return $"{seconds / 60}:{seconds % 60:00}";
    }
}
