using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Chat;

public sealed record ChatMessage(
    long Id, long ConversationId, long Seq, string SenderId, Guid ClientMessageId,
    MessageKind Kind, string Body, DateTime CreatedUtc, DateTime? EditedUtc, ChatImage? Image = null, DateTime? DeletedUtc = null)
{
    public bool IsDeleted => DeletedUtc is not null;
}

/// <summary>An image message's picture: its id for the media endpoint and sizes to reserve space before it loads.</summary>
public sealed record ChatImage(string Id, int Width, int Height, int ThumbWidth, int ThumbHeight);

/// <summary>The image viewer's way through a conversation's images: the neighbours and "position of count".</summary>
public sealed record ImageNavigation(ChatMessage? Previous, ChatMessage? Next, int Position, int Count);

/// <summary>Who sent a message, by name, as the log shows it ("You" for one's own): cascaded to bubbles and the viewer.</summary>
public sealed record SenderNames(Func<string, string> Of);

public sealed record ChatPeer(string UserId, string UserName, string? DisplayName, DateTime? LastSeenUtc, string? AvatarId = null)
{
    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? UserName : DisplayName;
}

public sealed record ConversationSummary(
    long Id, ChatPeer Peer, string? LastMessagePreview, string? LastMessageSenderId,
    DateTime LastActivityUtc, long LastSeq, long LastReadSeq)
{
    public long Unread => Math.Max(0, LastSeq - LastReadSeq);
}

public sealed record OpenConversation(long Id, ChatPeer Peer, long LastSeq, long LastReadSeq);
