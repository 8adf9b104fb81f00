using BlazorMessenger.Features.Shared;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// What the log reads of one conversation on its reader's behalf, in Seq order, oldest first. <see cref="ChatService"/>
/// answers through <see cref="Membership"/> on every call: a former member reads up to the Seq they left at, a stranger
/// nothing.
/// </summary>
public interface IConversationReads
{
    /// <summary>Up to a page of messages before beforeSeq (the newest page when null).</summary>
    Task<IReadOnlyList<ChatMessage>> PageBeforeAsync(long? beforeSeq, CancellationToken ct);

    /// <summary>The page around a message: up to half a page before it, it, and up to half a page after.</summary>
    Task<IReadOnlyList<ChatMessage>> AroundAsync(long seq, CancellationToken ct);

    /// <summary>Up to limit messages after afterSeq.</summary>
    Task<IReadOnlyList<ChatMessage>> AfterAsync(long afterSeq, int limit, CancellationToken ct);
}

/// <summary>One person's reads of one conversation, through the chat service.</summary>
public sealed class ConversationReads(ChatService chat, string userId, long conversationId) : IConversationReads
{
    public Task<IReadOnlyList<ChatMessage>> PageBeforeAsync(long? beforeSeq, CancellationToken ct) =>
        chat.GetPageAsync(userId, conversationId, beforeSeq, ct);

    public Task<IReadOnlyList<ChatMessage>> AroundAsync(long seq, CancellationToken ct) =>
        chat.GetAroundAsync(userId, conversationId, seq, ct);

    public Task<IReadOnlyList<ChatMessage>> AfterAsync(long afterSeq, int limit, CancellationToken ct) =>
        chat.GetAfterAsync(userId, conversationId, afterSeq, limit, ct);
}
