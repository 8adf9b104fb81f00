namespace BlazorMessenger.Hosting;

/// <summary>
/// The resolved, absolute data directory of this instance, and the media directory (inside it unless configured
/// elsewhere: several instances share one).
/// </summary>
public sealed record StorageLocation(string DataDirectory, string? SharedMediaDirectory = null)
{
    public string MediaDirectory => SharedMediaDirectory ?? Path.Combine(DataDirectory, "media");

    /// <summary>The database's file name, in the data directory and in a backup.</summary>
    public const string DatabaseFile = "messenger.db";

    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFile);

    /// <summary>The Data Protection key ring (sign-in cookies, circuits, antiforgery tokens).</summary>
    public string KeysDirectory => Path.Combine(DataDirectory, "keys");

    /// <summary>Whether a full path lies inside a directory (not the directory itself).</summary>
    public static bool IsInside(string directory, string fullPath) =>
        fullPath.StartsWith(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>A file's path relative to a directory with forward slashes: a media key, a manifest entry.</summary>
    public static string RelativeKey(string directory, string fullPath) =>
        Path.GetRelativePath(directory, fullPath).Replace(Path.DirectorySeparatorChar, '/');
}
