using BlazorMessenger.Components.Shared;
using BlazorMessenger.Features.Profile;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// Who is who in the log: the conversation's people as they are now (renames and new pictures arrive live), the names
/// and mentions bubbles show, and each sender's avatar as one piece of markup all their bubbles share.
/// </summary>
public sealed partial class MessageLog
{
    private readonly Dictionary<string, MarkupString> _avatars = new(StringComparer.Ordinal);
    private Dictionary<string, ChatPeer> _people = [];
    private int _peopleVersion;
    private SenderNames? _names;
    private Clashes? _clashes;

    /// <summary>
    /// Reads the current names each time: a rename arriving live shows in an open viewer too. In a group, a name that
    /// could be mistaken for another's comes with the @username (see LookAlike).
    /// </summary>
    private SenderNames Names => _names ??= new SenderNames(
        id => id == UserId ? UserName : LookAlike.Shown(PersonOf(id), Clashes), MentionOf, UserId, AvatarOf);

    private Clashes Clashes => _clashes ??= Conversation.IsGroup ? LookAlike.Among(_people.Values) : Profile.Clashes.None;

    private Mentioned MentionOf(string userId) =>
        userId == Mentions.All ? new("@all", Mentions.All, true)
        : !_people.TryGetValue(userId, out var person) ? new("@someone", "someone", false)
        : Conversation.MemberIds?.Contains(userId) != false ? new("@" + person.Name, person.UserName, true)
        : new("@" + person.UserName, person.UserName, false);

    /// <summary>Whoever wrote a message; someone the log has no record of (an account since deleted) stays nameless.</summary>
    private ChatPeer PersonOf(string userId) =>
        _people.TryGetValue(userId, out var person) ? person : new ChatPeer(userId, "Former member", null, null);

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

    /// <summary>Names or pictures changed: the bubbles that show them render again (see PeopleVersionOf).</summary>
    private void PeopleChanged()
    {
        _peopleVersion++;
        _clashes = null;
        _avatars.Clear();
    }

    /// <summary>Others' bubbles show their sender's name and picture; one's own only names others in mentions, quotes and reactions.</summary>
    private int PeopleVersionOf(ChatMessage message) =>
        message.SenderId != UserId || message.ReplyTo is not null || message.Reactions is { Count: > 0 }
        || message.Body.Contains("<@", StringComparison.Ordinal)
            ? _peopleVersion
            : 0;
}
