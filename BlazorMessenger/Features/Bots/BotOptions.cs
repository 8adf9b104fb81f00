namespace BlazorMessenger.Features.Bots;

/// <summary>Bots and their API (Telegram's limits as defaults: core.telegram.org/bots/faq).</summary>
public sealed class BotOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Bots";

    /// <summary>Bots one person may own.</summary>
    public int MaxPerOwner { get; set; } = 20;

    /// <summary>Messages one bot may send a second, over all its chats.</summary>
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>Messages one bot may send into one chat at once, refilled at one a second.</summary>
    public int ChatBurst { get; set; } = 3;

    /// <summary>Messages one bot may send into one group a minute.</summary>
    public int GroupMessagesPerMinute { get; set; } = 20;

    /// <summary>How long an update waits for its bot to take it.</summary>
    public int UpdateRetentionHours { get; set; } = 24;

    /// <summary>The longest getUpdates holds a request waiting for an update (Telegram's is 50).</summary>
    public int MaxPollSeconds { get; set; } = 50;

    /// <summary>
    /// Hosts a webhook may be set to over plain HTTP, or at a private or loopback address (the server POSTs to them from
    /// inside the network). Any other webhook must be an https URL to a public name.
    /// </summary>
    public List<string> WebhookHosts { get; set; } = [];

    /// <summary>How long the server waits for a bot's webhook to answer one update.</summary>
    public int WebhookTimeoutSeconds { get; set; } = 10;
}
