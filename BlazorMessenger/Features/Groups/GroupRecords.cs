using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Features.Groups;

/// <summary>A current member of a group, as group info lists them.</summary>
public sealed record GroupMember(ChatPeer Person, MemberRole Role, DateTime JoinedUtc);

/// <summary>
/// A group as one person sees it: its current members, their own role (null once they left or were removed: the view is
/// then read-only) and the conversation to show.
/// </summary>
public sealed record GroupView(
    long Id, string Title, string? PictureId, IReadOnlyList<GroupMember> Members, MemberRole? MyRole, OpenConversation Conversation)
{
    public bool IsMember => MyRole is not null;

    /// <summary>Owners and admins rename, change the picture, add and remove members and make admins.</summary>
    public bool CanManage => MyRole is MemberRole.Owner or MemberRole.Admin;
}
