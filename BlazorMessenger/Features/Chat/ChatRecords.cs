using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Chat;

/// <summary>
/// A message as shown. ReplyToId is the answered message and ReplyTo its quote (read from it, so it follows edits and
/// deletes); Reactions are grouped by emoji in the order they were first given; Card, a webhook post's extras.
/// </summary>
public sealed record ChatMessage(
    long Id, long ConversationId, long Seq, string SenderId, Guid ClientMessageId,
    MessageKind Kind, string Body, DateTime CreatedUtc, DateTime? EditedUtc, ChatImage? Image = null, DateTime? DeletedUtc = null,
    long? ReplyToId = null, ChatQuote? ReplyTo = null, bool Forwarded = false, DateTime? PinnedUtc = null, ChatFile? File = null,
    IReadOnlyList<ReactionGroup>? Reactions = null, Hooks.MessageCard? Card = null)
{
    public bool IsDeleted => DeletedUtc is not null;

    /// <summary>Posted by an incoming webhook (every such post has a card, if only for the sender's label).</summary>
    public bool ByHook => Card is not null;
}

/// <summary>A document or voice note: its id for /media/{id}/file, its cleaned name, size, type and (voice) length.</summary>
public sealed record ChatFile(string Id, string Name, long Bytes, string ContentType, int? DurationMs = null);

/// <summary>
/// How a reply shows the message it answers: who wrote it, the start of its text (mention tokens still in it, formatting
/// not), what it carries, or that it was deleted.
/// </summary>
public sealed record ChatQuote(long Id, long Seq, string SenderId, MessageKind Kind, string Text, bool Deleted, string? FileName)
{
    public const int TextLength = 200;

    public static ChatQuote Of(ChatMessage message) =>
        new(message.Id, message.Seq, message.SenderId, message.Kind,
            message.Body.Length <= TextLength ? message.Body : message.Body[..TextLength], message.IsDeleted, message.File?.Name);
}

/// <summary>Everyone who gave one emoji to a message, in the order they did.</summary>
public sealed record ReactionGroup(string Emoji, IReadOnlyList<string> UserIds)
{
    public bool Includes(string userId) => UserIds.Contains(userId, StringComparer.Ordinal);
}

/// <summary>An image message's picture: its id for the media endpoint and sizes to reserve space before it loads.</summary>
public sealed record ChatImage(string Id, int Width, int Height, int ThumbWidth, int ThumbHeight);

/// <summary>The image viewer's way through a conversation's images: the neighbours and "position of count".</summary>
public sealed record ImageNavigation(ChatMessage? Previous, ChatMessage? Next, int Position, int Count);

/// <summary>
/// Who is who in the open conversation, cascaded to bubbles and the viewer: a sender's name as the log shows it, and
/// how a mention shows (a chip with the current name while the person is a member, their username as text after); for
/// bubbles also the reader, and each sender's avatar (markup the log makes once per sender and all their bubbles share).
/// </summary>
public sealed record SenderNames(
    Func<string, string> Of, Func<string, Mentioned>? Mention = null, string ReaderId = "",
    Func<string, Microsoft.AspNetCore.Components.MarkupString>? AvatarOf = null, Func<string, bool>? IsBot = null);

/// <summary>A mention as shown: "@Name" in a chip for a member, "@username" as plain text for someone who left.</summary>
public sealed record Mentioned(string Text, string UserName, bool IsMember);

/// <summary>
/// Hidden: they show the reader nothing but their username (they blocked the reader, or not accepted their request).
/// IsBot: a bot, badged wherever its name shows, with no presence.
/// </summary>
public sealed record ChatPeer(
    string UserId, string UserName, string? DisplayName, DateTime? LastSeenUtc, string? AvatarId = null, bool Hidden = false, bool IsBot = false)
{
    public string Name => NameOf(UserName, DisplayName);

    /// <summary>How everyone is named: the display name, or the username without one.</summary>
    public static string NameOf(string userName, string? displayName) => string.IsNullOrWhiteSpace(displayName) ? userName : displayName;
}

/// <summary>
/// A row of the conversation list. A direct conversation shows its Peer; a group (Peer null) its name and picture.
/// EndedSeq is set for a group the reader was removed from or left: their view of it stops there. MentionsOfMe counts the
/// unread messages that mention the reader (or everyone). DeliveredSeq is how far one of the reader's tabs has shown it;
/// MutedUntilUtc, until when the reader muted it.
/// </summary>
public sealed record ConversationSummary(
    long Id, string Name, ChatPeer? Peer, string? AvatarId, string? LastMessagePreview, string? LastMessageSenderId,
    DateTime LastActivityUtc, long LastSeq, long LastReadSeq, MessageKind? LastMessageKind = null,
    string? LastMessageSenderName = null, long? EndedSeq = null, int MentionsOfMe = 0, long DeliveredSeq = 0, DateTime? MutedUntilUtc = null,
    bool IsRequest = false)
{
    public long Unread => Math.Max(0, LastSeq - LastReadSeq);

    public bool IsGroup => Peer is null;

    public string Href => Conversations.Href(Id, Peer);

    /// <summary>Whose colour the initials take: the person's, or the group's own.</summary>
    public string ColorKey => Conversations.ColorKey(Id, Peer);
}

/// <summary>
/// An open conversation: who is in it (People: everyone who wrote or writes in it, by user id, for names and pictures;
/// MemberIds: a group's current members), where the reader's view starts and, for a former group member, where it ends.
/// </summary>
public sealed record OpenConversation(
    long Id, string Name, ChatPeer? Peer, IReadOnlyDictionary<string, ChatPeer> People, long LastSeq, long LastReadSeq,
    long? EndedSeq = null, IReadOnlySet<string>? MemberIds = null, bool IsRequest = false, IReadOnlySet<string>? Blocked = null)
{
    public bool IsGroup => Peer is null;

    /// <summary>The reader blocked this person (still in a group with them): their messages show collapsed.</summary>
    public bool HasBlocked(string userId) => Blocked?.Contains(userId) == true;
}

/// <summary>Addresses and colours, the same for a conversation wherever it shows.</summary>
public static class Conversations
{
    public static string Href(long id, ChatPeer? peer) => peer is null ? GroupHref(id) : DirectHref(peer.UserName);

    public static string DirectHref(string userName) => $"chat/{userName}";

    public static string GroupHref(long id) => $"group/{id}";

    public static string ColorKey(long id, ChatPeer? peer) => peer?.UserId ?? $"group:{id}";
}
