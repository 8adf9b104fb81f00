using BlazorMessenger.Features.Chat.Format;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// The characters one card may keep, so a stored card stays small whatever a hook sends: each text is cut to its own
/// limit and to what is left, and once nothing is left the rest of the payload is dropped.
/// </summary>
internal sealed class CardBudget
{
    public const int Characters = 12_000;
    public const int Line = 300;
    public const int Field = 1_000;
    public const int Text = 3_000;
    public const int Address = 2_000;

    private int _left = Characters;

    /// <summary>The text normalized as messages are, and cut to fit; null when nothing of it would show.</summary>
    public string? Take(string? text, int max)
    {
        var normalized = MessageText.Normalize(text);
        if (normalized.Length == 0 || _left == 0)
        {
            return null;
        }

        var kept = Cut(normalized, Math.Min(max, _left));
        _left -= kept.Length;
        return kept;
    }

    /// <summary>Cut with an ellipsis, never between a surrogate pair.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var end = max - 1;
        end = end > 0 && char.IsHighSurrogate(text[end - 1]) ? end - 1 : end;
        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }

    /// <summary>An http(s) or mailto address (scheme in lower case), whole and without spaces; anything else is dropped.</summary>
    public static string? Link(string? link)
    {
        var url = link?.Trim();
        if (string.IsNullOrEmpty(url) || url.Length > Address || url.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            || MessageText.WithoutBidiControls(url) != url || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https" or "mailto"))
        {
            return null;
        }

        return uri.Scheme + url[uri.Scheme.Length..];
    }
}
