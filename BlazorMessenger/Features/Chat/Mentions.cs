using System.Text;
using System.Text.RegularExpressions;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// Mentions are stored by user id, as a token in the body ("&lt;@{userId}&gt;", "&lt;@all&gt;" for everyone), so a
/// renamed person's chip shows their current name. People type and edit "@username"; the server turns the usernames of
/// the group's current members into tokens, and tokens back into "@username" for editing and previews.
/// </summary>
public static partial class Mentions
{
    public const string All = "all";
    public const int MaxSuggestions = 8;

    public static string Token(string userId) => $"<@{userId}>";

    /// <summary>Whether the message mentions this person (by name, or everyone).</summary>
    public static bool Mention(string body, string userId) =>
        body.Contains(Token(userId), StringComparison.Ordinal) || body.Contains(Token(All), StringComparison.Ordinal);

    /// <summary>The body as text pieces and mentions (UserId set, "all" for everyone), in order.</summary>
    public static IEnumerable<(string Text, string? UserId)> Split(string body)
    {
        var at = 0;
        foreach (Match match in TokenPattern().Matches(body))
        {
            if (match.Index > at)
            {
                yield return (body[at..match.Index], null);
            }

            yield return (match.Value, match.Groups[1].Value);
            at = match.Index + match.Length;
        }

        if (at < body.Length)
        {
            yield return (body[at..], null);
        }
    }

    /// <summary>
    /// Typed "@username" of a current member becomes their token; "@all" too when the sender may use it. Anything else
    /// (an unknown name, an email address) stays as typed.
    /// </summary>
    public static string Encode(string text, IReadOnlyDictionary<string, string> idByUserName, bool allowAll) =>
        TypedPattern().Replace(Neutralize(text), match =>
        {
            var name = match.Groups[1].Value.ToLowerInvariant();
            foreach (var candidate in new[] { name, name.TrimEnd('.') })
            {
                if (candidate == All && allowAll)
                {
                    return Token(All) + match.Groups[1].Value[candidate.Length..];
                }

                if (idByUserName.TryGetValue(candidate, out var id))
                {
                    return Token(id) + match.Groups[1].Value[candidate.Length..];
                }
            }

            return match.Value;
        });

    /// <summary>
    /// What someone typed that looks like a token ("&lt;@all&gt;") gets an invisible zero-width space after its "&lt;", so
    /// only the server makes mentions: it reads the same, and notifies nobody.
    /// </summary>
    public static string Neutralize(string text) => text.Replace("<@", "<\u200B@", StringComparison.Ordinal);

    /// <summary>Tokens back to "@username" (for editing and previews); an id nobody knows stays "@someone".</summary>
    public static string Decode(string body, Func<string, string?> userNameOf)
    {
        if (!body.Contains("<@", StringComparison.Ordinal))
        {
            return body;
        }

        var text = new StringBuilder(body.Length);
        foreach (var (piece, userId) in Split(body))
        {
            text.Append(userId is null ? piece : "@" + (userId == All ? All : userNameOf(userId) ?? "someone"));
        }

        return text.ToString();
    }

    /// <summary>The ids a body mentions ("all" included as is).</summary>
    public static IEnumerable<string> Ids(string body) => Split(body).Where(p => p.UserId is not null).Select(p => p.UserId!);

    /// <summary>The picker's choices for what follows "@": names and usernames that start with it, then ones containing it.</summary>
    public static IReadOnlyList<ChatPeer> Match(IEnumerable<ChatPeer> members, string query) =>
        members
            .Select(m => (Member: m, Rank: Rank(m, query)))
            .Where(m => m.Rank < 3)
            .OrderBy(m => m.Rank).ThenBy(m => m.Member.Name, StringComparer.CurrentCultureIgnoreCase)
            .Take(MaxSuggestions)
            .Select(m => m.Member)
            .ToList();

    private static int Rank(ChatPeer member, string query) =>
        query.Length == 0 ? 0
        : member.UserName.StartsWith(query, StringComparison.OrdinalIgnoreCase)
          || member.Name.StartsWith(query, StringComparison.CurrentCultureIgnoreCase) ? 1
        : member.UserName.Contains(query, StringComparison.OrdinalIgnoreCase)
          || member.Name.Contains(query, StringComparison.CurrentCultureIgnoreCase) ? 2
        : 3;

    [GeneratedRegex(@"<@([0-9a-zA-Z-]{1,64})>")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"(?<![\w@.])@([A-Za-z0-9_.]{3,33})")]
    private static partial Regex TypedPattern();
}
