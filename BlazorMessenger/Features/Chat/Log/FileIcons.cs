using MudBlazor;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>The icon a file card shows, by its type or, for generic types, its name's extension.</summary>
public static class FileIcons
{
    public static string For(string contentType, string name)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        return contentType switch
        {
            "application/pdf" => Icons.Material.Filled.PictureAsPdf,
            _ when contentType.StartsWith("image/", StringComparison.Ordinal) => Icons.Material.Filled.Image,
            _ when contentType.StartsWith("audio/", StringComparison.Ordinal) => Icons.Material.Filled.AudioFile,
            _ when contentType.StartsWith("video/", StringComparison.Ordinal) => Icons.Material.Filled.VideoFile,
            "application/zip" => Icons.Material.Filled.FolderZip,
            _ => extension switch
            {
                ".zip" or ".7z" or ".rar" or ".gz" or ".tar" => Icons.Material.Filled.FolderZip,
                ".doc" or ".docx" or ".odt" or ".rtf" or ".txt" or ".md" => Icons.Material.Filled.Description,
                ".xls" or ".xlsx" or ".ods" or ".csv" => Icons.Material.Filled.TableChart,
                ".ppt" or ".pptx" or ".odp" => Icons.Material.Filled.Slideshow,
                _ => Icons.Material.Filled.InsertDriveFile,
            },
        };
    }
}
