namespace BlazorMessenger.Data;

public enum ConversationKind
{
    Direct = 0,
    Group = 1,
}

public sealed class Conversation
{
    public long Id { get; set; }

    public ConversationKind Kind { get; set; }

    /// <summary>A group's name (1–64 characters); null for direct conversations.</summary>
    public string? Title { get; set; }

    /// <summary>A group's picture: a Media row with no conversation, served by /avatars/{id} to its members.</summary>
    public string? PictureMediaId { get; set; }

    /// <summary>For direct conversations "{smaller user id}|{larger user id}", unique, so a pair has one conversation.</summary>
    public string? DirectKey { get; set; }

    /// <summary>The Seq of the newest message; the next message gets LastSeq + 1.</summary>
    public long LastSeq { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>In a group, whether every member may pin messages (otherwise owners and admins only).</summary>
    public bool MembersCanPin { get; set; }

    public DateTime? LastMessageUtc { get; set; }

    public List<ConversationMember> Members { get; set; } = [];

    public static string DirectKeyFor(string userA, string userB) =>
        string.CompareOrdinal(userA, userB) < 0 ? $"{userA}|{userB}" : $"{userB}|{userA}";
}
