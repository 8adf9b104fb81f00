namespace BlazorMessenger.Data;

public enum MemberRole
{
    Member = 0,
    Owner = 1,
    Admin = 2,
}

public static class MemberRoles
{
    /// <summary>Owners and admins run a group: its name, picture, members and admins, and "@all".</summary>
    public static bool Manages(this MemberRole? role) => role is MemberRole.Owner or MemberRole.Admin;

    public static bool Manages(this MemberRole role) => ((MemberRole?)role).Manages();
}

public sealed class ConversationMember
{
    public long ConversationId { get; set; }

    public required string UserId { get; set; }

    public MemberRole Role { get; set; }

    /// <summary>Everything up to this Seq has been read; unread = Conversation.LastSeq - LastReadSeq.</summary>
    public long LastReadSeq { get; set; }

    /// <summary>
    /// Everything up to this Seq reached one of the member's open tabs (the tab acknowledged it). Reading implies it:
    /// every write of LastReadSeq keeps this at least as far.
    /// </summary>
    public long DeliveredSeq { get; set; }

    public DateTime JoinedUtc { get; set; }

    /// <summary>The Seq of the message that added them (0: in it from the start): earlier messages were never theirs to receive.</summary>
    public long JoinedSeq { get; set; }

    /// <summary>No notifications, a grey badge and no place in the title count until then (DateTime.MaxValue: always).</summary>
    public DateTime? MutedUntilUtc { get; set; }

    /// <summary>
    /// Set when the membership ended (removed or left): the Seq of the system message that ended it. The person keeps
    /// read access to the messages up to and including it, and nothing after. Null while they are a member.
    /// </summary>
    public long? LeftSeq { get; set; }

    public DateTime? LeftUtc { get; set; }

    /// <summary>The group's name when the membership ended: a later rename does not reach someone no longer in it.</summary>
    public string? TitleWhenLeft { get; set; }

    /// <summary>
    /// A direct conversation someone not in this member's contacts started: a message request until they accept it
    /// (add the person), with no notifications, and without their presence or picture shown to the other side.
    /// </summary>
    public DateTime? RequestedUtc { get; set; }

    /// <summary>The request was deleted up to this Seq: it comes back only with a newer message.</summary>
    public long? DismissedSeq { get; set; }

    public Conversation? Conversation { get; set; }

    public ApplicationUser? User { get; set; }
}
