namespace BlazorMessenger.Data;

public enum MemberRole
{
    Member = 0,
    Owner = 1,
}

public sealed class ConversationMember
{
    public long ConversationId { get; set; }

    public required string UserId { get; set; }

    public MemberRole Role { get; set; }

    /// <summary>Everything up to this Seq has been read; unread = Conversation.LastSeq - LastReadSeq.</summary>
    public long LastReadSeq { get; set; }

    public DateTime JoinedUtc { get; set; }

    public Conversation? Conversation { get; set; }

    public ApplicationUser? User { get; set; }
}
