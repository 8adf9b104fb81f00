namespace BlazorMessenger.Features.Chat;

/// <summary>Replies, reactions, forwarding and pins.</summary>
public sealed class MessageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Messenger:Messages";

    /// <summary>Pinned messages per conversation.</summary>
    public int MaxPins { get; set; } = 5;

    /// <summary>Different emoji on one message.</summary>
    public int MaxReactionEmoji { get; set; } = 20;

    /// <summary>Conversations one message is forwarded to at once.</summary>
    public int MaxForwardTargets { get; set; } = 10;

    /// <summary>
    /// Messages an open chat keeps rendered (each costs the server memory while the chat is open); scrolling past them
    /// loads more and lets go of as many at the other end. At least two pages (100).
    /// </summary>
    public int RenderWindow { get; set; } = 100;
}
