using System.Text;

namespace BlazorMessenger.Features.Search;

/// <summary>
/// Turns what a person typed into a safe FTS5 query: every word becomes a quoted phrase (quotes doubled), so no
/// FTS5 syntax (NEAR, AND, column filters, stray quotes) can reach the engine; the last word matches as a prefix.
/// </summary>
public static class SearchQuery
{
    public const int MaxTerms = 8;

    public static string? ToFts(string? typed)
    {
        var words = (typed ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit))
            .Take(MaxTerms)
            .ToList();
        if (words.Count == 0)
        {
            return null;
        }

        var query = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            query.Append(i == 0 ? "" : " ").Append('"').Append(words[i].Replace("\"", "\"\"")).Append('"');
        }

        return query.Append('*').ToString();
    }
}
