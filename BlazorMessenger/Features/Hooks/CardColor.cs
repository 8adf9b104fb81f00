using System.Text.RegularExpressions;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// An attachment's colour bar. The colour ends up in a style attribute, so only Slack's three names (as Slack draws
/// them) and "#rgb"/"#rrggbb" pass; anything else ("red;background:url(x)") is no colour at all.
/// </summary>
public static partial class CardColor
{
    /// <summary>The colour as lower-case hex, or null.</summary>
    public static string? Of(string? color) => color?.Trim().ToLowerInvariant() switch
    {
        "good" => "#2eb886",
        "warning" => "#daa038",
        "danger" => "#a30200",
        { } hex when IsHex(hex) => hex,
        _ => null,
    };

    public static bool IsHex(string? color) => color is not null && Hex().IsMatch(color);

    [GeneratedRegex("^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
    private static partial Regex Hex();
}
