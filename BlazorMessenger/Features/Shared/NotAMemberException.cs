namespace BlazorMessenger.Features.Shared;

/// <summary>Thrown when someone asks for a conversation they are not in; the UI never offers that, so it is not a typed mistake.</summary>
public sealed class NotAMemberException(long conversationId)
    : UnauthorizedAccessException($"Not a member of conversation {conversationId}.")
{
    /// <summary>What a page says when it learns this about a conversation it still shows (the reader was removed meanwhile).</summary>
    public const string Gone = "You're no longer in this conversation.";
}
