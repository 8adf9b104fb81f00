using System.Text;

namespace BlazorMessenger.Features.Search;

/// <summary>
/// Turns what a person typed into a safe query for either engine, so no query syntax (NEAR, AND, column filters,
/// stray quotes, tsquery operators) can reach it: every word must be found, the last one as a prefix.
/// </summary>
public static class SearchQuery
{
    public const int MaxTerms = 8;

    /// <summary>FTS5: every word a quoted phrase (quotes doubled); the tokenizer splits a word with punctuation.</summary>
    public static string? ToFts(string? typed)
    {
        var words = Words(typed);
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

    /// <summary>
    /// PostgreSQL's tsquery: a word's runs of letters and digits make a phrase (as FTS5 splits "don't"), words are
    /// joined with AND, the last run is a prefix. Only letters and digits reach the query.
    /// </summary>
    public static string? ToTsQuery(string? typed)
    {
        var phrases = Words(typed).Select(w => Runs(w).ToList()).Where(r => r.Count > 0).ToList();
        if (phrases.Count == 0)
        {
            return null;
        }

        return string.Join(" & ", phrases.Select(p => string.Join(" <-> ", p))) + ":*";
    }

    private static List<string> Words(string? typed) =>
        (typed ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Any(char.IsLetterOrDigit))
            .Take(MaxTerms)
            .ToList();

    private static IEnumerable<string> Runs(string word)
    {
        var start = -1;
        for (var i = 0; i <= word.Length; i++)
        {
            var inRun = i < word.Length && char.IsLetterOrDigit(word[i]);
            if (inRun && start < 0)
            {
                start = i;
            }
            else if (!inRun && start >= 0)
            {
                yield return word[start..i];
                start = -1;
            }
        }
    }
}
