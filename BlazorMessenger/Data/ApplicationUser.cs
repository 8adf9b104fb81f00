using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Data;

public enum LastSeenAudience
{
    Everyone = 0,
    Contacts = 1,
    Nobody = 2,
}

/// <summary>Who may start a conversation with someone: anyone (a stranger's first message waits as a request), or only their contacts.</summary>
public enum MessageAudience
{
    Everyone = 0,
    Contacts = 1,
}

/// <summary>UserName is the public handle (see UsernameRules); DisplayName is optional and free text.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 64;

    public string? DisplayName { get; set; }

    public DateTime? LastSeenUtc { get; set; }

    /// <summary>The profile picture: a Media row with no conversation, served by /avatars/{id}.</summary>
    public string? AvatarMediaId { get; set; }

    /// <summary>"Send read receipts" turned off: others never learn when this person read, and they see no read ticks.</summary>
    public bool HidesReadReceipts { get; set; }

    /// <summary>Who sees when this person was last online; Nobody also hides everyone else's from them.</summary>
    public LastSeenAudience LastSeenAudience { get; set; }

    /// <summary>Mentions of this person in a muted conversation stay silent too (by default they still notify).</summary>
    public bool SilencesMutedMentions { get; set; }

    public MessageAudience MessagesFrom { get; set; }

    /// <summary>Set by an admin: no login, no session, nothing sent until enabled again.</summary>
    public DateTime? DisabledUtc { get; set; }

    /// <summary>
    /// The person deleted their account: this row stays only so their messages keep a sender in others' history,
    /// emptied of everything personal and shown as "Deleted account".
    /// </summary>
    public DateTime? DeletedUtc { get; set; }

    /// <summary>A bot (see <see cref="Bot"/>): no password, no presence, never counted as a person.</summary>
    public bool IsBot { get; set; }
}
