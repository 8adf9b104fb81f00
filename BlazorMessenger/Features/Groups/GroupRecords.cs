using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Realtime;

namespace BlazorMessenger.Features.Groups;

/// <summary>A current member of a group, as group info lists them.</summary>
public sealed record GroupMember(ChatPeer Person, MemberRole Role, DateTime JoinedUtc);

/// <summary>
/// A group as one person sees it: the conversation to show (its name is the group's), the picture, the current members
/// and the reader's own role (null once they left or were removed: the view is then read-only).
/// </summary>
public sealed record GroupView(
    OpenConversation Conversation, string? PictureId, IReadOnlyList<GroupMember> Members, MemberRole? MyRole, bool MembersCanPin = false,
    ChatPeer? InvitedBy = null)
{
    /// <summary>Added by someone the reader doesn't know: read-only, without notifications, until accepted.</summary>
    public bool IsRequest => Conversation.IsRequest;

    public long Id => Conversation.Id;

    public string Title => Conversation.Name;

    public bool IsMember => MyRole is not null;

    /// <summary>Owners and admins rename, change the picture, add and remove members and make admins.</summary>
    public bool CanManage => MyRole.Manages();
}

public static class GroupEvents
{
    /// <summary>Every change to a group is a system message in it: a view of the group reads it again when one arrives.</summary>
    public static bool ChangesGroup(this MessengerEvent messengerEvent, long groupId) =>
        messengerEvent is MessagePosted { Message: { Kind: MessageKind.System } message } && message.ConversationId == groupId;
}
