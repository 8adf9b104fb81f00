using System.Text.RegularExpressions;

namespace BlazorMessenger.Hosting.Operations;

/// <summary>
/// Paths whose segment is a credential: a bot's token (/bot{token}/…, /file/bot{token}/…) and an incoming webhook's key
/// (/hooks/{key}). What the app records of a request (traces) carries them redacted.
/// </summary>
public static partial class SecretPaths
{
    /// <summary>The path with its credential replaced by "***", or null when it carries none.</summary>
    public static string? Redact(string? path) =>
        path is not null && Secret().IsMatch(path) ? Secret().Replace(path, "$1***") : null;

    [GeneratedRegex(@"^(/(?:file/)?bot|/hooks/)[^/]+", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
