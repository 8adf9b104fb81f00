using Microsoft.AspNetCore.Identity;

namespace BlazorMessenger.Data;

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
}
