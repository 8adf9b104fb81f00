using System.Text.RegularExpressions;

namespace BlazorMessenger.Components.Account;

/// <summary>
/// Return URLs come from the query string, so anyone can write them. Only a path on this site survives, as a path
/// relative to the base ("" is the home page); anything foreign or malformed becomes the home page, never an error.
/// </summary>
public static partial class LocalUrl
{
    public static string Relative(string? url, string baseUri)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Any(char.IsControl) || url.Contains('\\'))
        {
            return "";
        }

        if (SchemePrefix().IsMatch(url))
        {
            // An absolute address counts only when it is this site's own (the app builds such links itself).
            return url.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase) ? Checked(url[baseUri.Length..]) : "";
        }

        return url.StartsWith("//", StringComparison.Ordinal) ? "" : Checked(url.TrimStart('/'));
    }

    /// <summary>The same, as a root-relative path for HTTP redirects ("/" for anything foreign).</summary>
    public static string Rooted(string? url, string baseUri) => "/" + Relative(url, baseUri);

    private static string Checked(string path) =>
        !path.StartsWith('/') && Uri.IsWellFormedUriString(path, UriKind.Relative) ? path : "";

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex SchemePrefix();
}
