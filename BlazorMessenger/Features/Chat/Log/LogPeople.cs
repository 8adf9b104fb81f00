using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Profile;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// Who is who in a log, with no renderer: the conversation's people as they are now (renames and new pictures arrive
/// live), the names and mentions bubbles show, and each sender's avatar as one piece of markup all their bubbles share.
/// </summary>
/// <param name="readerId">The reader: their own messages are named by their username.</param>
public sealed class LogPeople(string readerId, string readerName)
{
    private readonly Dictionary<string, MarkupString> _avatars = new(StringComparer.Ordinal);
    private Dictionary<string, ChatPeer> _people = [];
    private OpenConversation? _conversation;
    private int _version;
    private Clashes? _clashes;
    private SenderNames? _names;

    /// <summary>
    /// One instance for the log's life (bubbles get it as a fixed cascading value) that reads the current names each
    /// time: a rename arriving live shows in an open viewer too. In a group, a name that could be mistaken for another's
    /// comes with the @username (see LookAlike).
    /// </summary>
    public SenderNames Names => _names ??=
        new(id => id == readerId ? readerName : LookAlike.Shown(PersonOf(id), Clashes), MentionOf, readerId, AvatarOf, id => PersonOf(id).IsBot);

    /// <summary>The conversation's people, from its page (a group's page hands in a new one when its members change).</summary>
    public void Take(OpenConversation conversation)
    {
        _conversation = conversation;
        _people = new Dictionary<string, ChatPeer>(conversation.People, StringComparer.Ordinal);
        Changed();
    }

    /// <summary>Someone renamed themselves or changed their picture; answers whether they are among these people.</summary>
    public bool Rename(string userId, string? displayName, string? avatarId)
    {
        if (!_people.TryGetValue(userId, out var person))
        {
            return false;
        }

        _people[userId] = person with { DisplayName = displayName, AvatarId = avatarId };
        Changed();
        return true;
    }

    /// <summary>Whoever wrote a message; someone the log has no record of (an account since deleted) stays nameless.</summary>
    public ChatPeer PersonOf(string userId) =>
        _people.TryGetValue(userId, out var person) ? person : new ChatPeer(userId, "Former member", null, null);

    /// <summary>"@Name" in a chip for a member, "@username" as text for someone who left, "@someone" for a stranger.</summary>
    public Mentioned MentionOf(string userId) =>
        userId == Mentions.All ? new("@all", Mentions.All, true)
        : !_people.TryGetValue(userId, out var person) ? new("@someone", "someone", false)
        : _conversation?.MemberIds?.Contains(userId) != false ? new("@" + person.Name, person.UserName, true)
        : new("@" + person.UserName, person.UserName, false);

    /// <summary>
    /// A version each bubble renders again for when names or pictures change: others' bubbles show their sender's name
    /// and picture; one's own only names others in mentions, quotes and reactions.
    /// </summary>
    public int VersionOf(ChatMessage message) =>
        message.SenderId != readerId || message.ReplyTo is not null || message.Reactions is { Count: > 0 }
        || message.Body.Contains("<@", StringComparison.Ordinal)
            ? _version
            : 0;

    private Clashes Clashes => _clashes ??= _conversation?.IsGroup == true ? LookAlike.Among(_people.Values) : Clashes.None;

    private MarkupString AvatarOf(string userId)
    {
        if (!_avatars.TryGetValue(userId, out var avatar))
        {
            var person = PersonOf(userId);
            avatar = new($"<div class=\"bm-msg-avatar\">{UserAvatar.Markup(person.UserId, person.Name, person.AvatarId, Size.Small)}</div>");
            _avatars[userId] = avatar;
        }

        return avatar;
    }

    private void Changed()
    {
        _version++;
        _clashes = null;
        _avatars.Clear();
    }
}
