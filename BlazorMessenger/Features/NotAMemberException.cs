namespace BlazorMessenger.Features;

/// <summary>Thrown when someone asks for a conversation they are not in; the UI never offers that, so it is not a typed mistake.</summary>
public sealed class NotAMemberException(long conversationId)
    : UnauthorizedAccessException($"Not a member of conversation {conversationId}.");
