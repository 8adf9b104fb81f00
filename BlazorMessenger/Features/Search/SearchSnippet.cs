using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Format;

namespace BlazorMessenger.Features.Search;

/// <summary>
/// What a hit shows: the message's text without its formatting ("**bold**" shows as "bold"), cut to a window around
/// the first match. FTS5's snippet() would cut the stored body, formatting and all, and could cut between the two "**"
/// of a pair; so the query asks for the whole body with its matches marked (highlight()), and the cut happens here.
/// </summary>
public static class SearchSnippet
{
    public const int MaxLength = 120;
    private const int Before = 30;
    private const string Cut = "…";

    /// <summary>The snippet of a body whose matches FTS5 marked; mentions show as "@username".</summary>
    public static string Of(string marked, Func<string, string?> userNameOf)
    {
        // Plain text first, mentions after: a username never reads as formatting, and a token is never cut in half.
        var text = Mentions.Decode(MessageFormat.ToPlainText(marked), userNameOf);
        if (text.Length <= MaxLength)
        {
            return text;
        }

        var first = Math.Max(0, text.IndexOf(SearchHit.MatchStart));
        var start = first <= Before ? 0 : WordStart(text, first - Before);
        var end = Math.Min(text.Length, start + MaxLength);
        if (end < text.Length)
        {
            end = WordEnd(text, end, first);
        }

        // A match the window would cut in half is kept whole, so its markers stay paired.
        var open = text.LastIndexOf(SearchHit.MatchStart, end - 1, end - start);
        if (open >= 0 && text.IndexOf(SearchHit.MatchEnd, open) is var close and >= 0 && close >= end)
        {
            end = close + 1;
        }

        return string.Concat(start > 0 ? Cut : "", text.AsSpan(start, end - start), end < text.Length ? Cut : "");
    }

    /// <summary>The start of the word at or after index (the index itself when no space follows).</summary>
    private static int WordStart(string text, int index)
    {
        var space = text.IndexOfAny([' ', '\n'], index);
        return space < 0 || space >= text.IndexOf(SearchHit.MatchStart, index) ? index : space + 1;
    }

    /// <summary>The end of the last whole word before index, past the first match (or index itself).</summary>
    private static int WordEnd(string text, int index, int first)
    {
        var space = text.LastIndexOfAny([' ', '\n'], index);
        return space > first ? space : index;
    }
}
