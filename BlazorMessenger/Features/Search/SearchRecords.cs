namespace BlazorMessenger.Features.Search;

/// <summary>
/// A found message by SenderName ("You" for the searcher), in the conversation named ConversationName (the person, or the
/// group) at ConversationHref. Snippet marks matches between '\u0001' and '\u0002' (rendered as text, never as markup).
/// </summary>
public sealed record SearchHit(
    long MessageId, long ConversationId, long Seq, string SenderId, DateTime CreatedUtc, string Snippet,
    string ConversationName, string ConversationHref, string SenderName = "")
{
    public const char MatchStart = '\u0001';
    public const char MatchEnd = '\u0002';

    /// <summary>Opens the conversation at this message.</summary>
    public string Href => $"{ConversationHref}?at={Seq}";

    /// <summary>The snippet as (text, isMatch) pieces.</summary>
    public IEnumerable<(string Text, bool IsMatch)> Pieces()
    {
        foreach (var part in Snippet.Split(MatchStart))
        {
            var end = part.IndexOf(MatchEnd);
            if (end < 0)
            {
                if (part.Length > 0)
                {
                    yield return (part, false);
                }

                continue;
            }

            yield return (part[..end], true);
            if (end + 1 < part.Length)
            {
                yield return (part[(end + 1)..], false);
            }
        }
    }
}
