namespace BlazorMessenger.Features.Chat.Compose;

/// <summary>
/// "@" in a group's box, with no renderer: what follows the "@" before the caret (the box's script reports it), the
/// members it matches (and "Everyone" for owners and admins), and the choice Enter or Tab would take, moved by the arrow
/// keys and closed by Escape.
/// </summary>
public sealed class MentionState
{
    private static readonly ChatPeer Everyone = new(Mentions.All, Mentions.All, "Everyone", null);
    private IReadOnlyList<ChatPeer>? _members;
    private bool _canMentionAll;

    /// <summary>What follows "@" before the caret; null when the caret is not in a mention (or in a direct conversation).</summary>
    public string? Query { get; private set; }

    /// <summary>The index of the choice Enter or Tab would take.</summary>
    public int Active { get; private set; }

    /// <summary>Whom the query names, best first; empty when the picker is closed.</summary>
    public IReadOnlyList<ChatPeer> Choices => _members is null || Query is null
        ? []
        : Mentions.Match(_canMentionAll ? [.. _members, Everyone] : _members, Query);

    /// <summary>The group's other current members (null in a direct conversation: no picker), and whether "@all" is theirs.</summary>
    public void Offer(IReadOnlyList<ChatPeer>? members, bool canMentionAll) => (_members, _canMentionAll) = (members, canMentionAll);

    /// <summary>The caret moved into a mention (or out of one: null); the first choice becomes the active one.</summary>
    public void Typed(string? query) => (Query, Active) = (_members is null ? null : query, 0);

    /// <summary>ArrowDown and ArrowUp move the active choice round the list; Escape closes it. Answers whether anything changed.</summary>
    public bool Key(string key)
    {
        var count = Choices.Count;
        if (count == 0)
        {
            return false;
        }

        switch (key)
        {
            case "ArrowDown":
                Active = (Active + 1) % count;
                return true;
            case "ArrowUp":
                Active = (Active + count - 1) % count;
                return true;
            case "Escape":
                Close();
                return true;
            default:
                return false;
        }
    }

    /// <summary>A pick, or Escape: the picker closes until the next "@".</summary>
    public void Close() => Query = null;
}
