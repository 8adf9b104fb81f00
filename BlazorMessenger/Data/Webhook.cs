namespace BlazorMessenger.Data;

/// <summary>
/// An incoming webhook: a URL that posts into one conversation (Slack's and Mattermost's format). It posts as its own
/// users row (<see cref="ApplicationUser.IsBot"/>, no password, no normalized username, so no lookup by name ever finds
/// it), which is never a member: the conversation it is bound to is the only one it can reach. Deleting it keeps the
/// row (its messages keep their sender and name) and drops the key.
/// </summary>
public sealed class Webhook
{
    public required string UserId { get; init; }

    public long ConversationId { get; init; }

    /// <summary>Who made it (shown in lists and to admins).</summary>
    public required string CreatorId { get; init; }

    /// <summary>SHA-256 of the URL's key; the key itself is shown once and never stored. Null once deleted.</summary>
    public byte[]? KeyHash { get; set; }

    public DateTime CreatedUtc { get; init; }

    /// <summary>The last post, at most a minute stale (it is written once a minute, not per post).</summary>
    public DateTime? LastUsedUtc { get; set; }

    /// <summary>The address the last post came from (as the forwarded headers give it).</summary>
    public string? LastUsedAddress { get; set; }

    public DateTime? DeletedUtc { get; set; }

    public ApplicationUser? User { get; set; }
}
