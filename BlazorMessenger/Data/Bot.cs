namespace BlazorMessenger.Data;

/// <summary>
/// What only a bot has. The bot itself is a row of the users table (<see cref="ApplicationUser.IsBot"/>), so it is a
/// member, a sender and a contact the way a person is, and every rule about those holds for it unchanged.
/// </summary>
public sealed class Bot
{
    public required string UserId { get; init; }

    /// <summary>The person who made it: the only one (besides admins) who may rename it, change its token or delete it.</summary>
    public required string OwnerId { get; set; }

    /// <summary>SHA-256 of the token's secret (the part after the colon); the token itself is shown once and never stored.</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>In groups it hears only commands, mentions of it and replies to it (Telegram's default).</summary>
    public bool PrivacyMode { get; set; } = true;

    public DateTime CreatedUtc { get; init; }

    /// <summary>Where its updates are POSTed (setWebhook); null while it polls with getUpdates.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Sent as X-Telegram-Bot-Api-Secret-Token with every webhook POST.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>The update types it asked for, comma-separated ("message,edited_message"); null: the default set.</summary>
    public string? AllowedUpdates { get; set; }

    /// <summary>Until when one instance delivers this bot's webhook (the others leave it alone).</summary>
    public DateTime? WebhookLeaseUtc { get; set; }

    public DateTime? LastErrorUtc { get; set; }

    public string? LastErrorMessage { get; set; }

    public ApplicationUser? User { get; set; }
}

public enum BotUpdateKind
{
    Message = 0,
    EditedMessage = 1,
    MessageReaction = 2,
}

/// <summary>
/// Something a bot has still to be told, written in the same transaction as what it tells of. Its Id is the update_id;
/// the update's content is read from the message when it is handed over. Kept until the bot confirms it (a getUpdates
/// offset past it, or its webhook took it) or for a day.
/// </summary>
public sealed class BotUpdate
{
    public long Id { get; init; }

    public required string BotId { get; init; }

    public BotUpdateKind Kind { get; init; }

    public long MessageId { get; init; }

    /// <summary>For a reaction: who changed it, and the emoji before and after (JSON).</summary>
    public string? Payload { get; init; }

    public DateTime CreatedUtc { get; init; }
}

/// <summary>
/// A participant's number for protocols that name people by integers (Telegram's user and chat ids): given on first
/// need, never reused, below 2^53.
/// </summary>
public sealed class UserNumber
{
    public long Number { get; init; }

    public required string UserId { get; init; }
}
