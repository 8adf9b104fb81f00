namespace BlazorMessenger.Data;

/// <summary>
/// One signed-in browser. The auth cookie names its row; a request or circuit is signed in only while the row exists
/// and still carries the account's current security stamp, so logging out, revoking and changing the password end it.
/// </summary>
public sealed class UserSession
{
    public const int UserAgentMaxLength = 256;

    public required string Id { get; init; }

    public required string UserId { get; init; }

    /// <summary>The account's security stamp when this session last signed in; a change elsewhere ends the session.</summary>
    public required string Stamp { get; set; }

    public DateTime CreatedUtc { get; init; }

    public DateTime LastSeenUtc { get; set; }

    public string? UserAgent { get; set; }

    public string? Address { get; set; }
}
