using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// What a message's actions menu offers, with no renderer. The services decide; the menu only leaves out what they would
/// refuse: nothing that answers in a read-only conversation (a request not accepted yet, a group the reader left), no
/// reaction to a system line, pins only where the reader may pin, edits of one's own text, images and files within
/// <see cref="MessageRules.EditWindow"/>, Delete for every message (for oneself; for everyone too when it is one's own
/// and within the same window), and Report for everyone else's.
/// </summary>
public readonly record struct MessageMenu(
    bool React, bool Reply, bool Pin, bool Copy, bool Edit, bool Info, bool Delete, bool DeleteForEveryone, bool Report)
{
    /// <param name="mine">The message is the reader's own.</param>
    /// <param name="readOnly">The reader may copy, delete for themselves and report here, nothing that answers.</param>
    /// <param name="canPin">The reader may pin in this conversation.</param>
    public static MessageMenu For(ChatMessage message, bool mine, bool isGroup, bool readOnly, bool canPin, DateTime nowUtc)
    {
        var recent = MessageRules.WithinEditWindow(message.CreatedUtc, nowUtc);
        return new(
            React: message.Kind != MessageKind.System && !readOnly,
            Reply: !readOnly,
            Pin: canPin && !readOnly,
            Copy: message.Body.Length > 0,
            Edit: mine && !readOnly && message.Kind is MessageKind.Text or MessageKind.Image or MessageKind.File && recent,
            Info: mine && isGroup,
            Delete: message.Kind != MessageKind.System,
            DeleteForEveryone: mine && !readOnly && recent && !message.IsDeleted,
            Report: !mine);
    }
}
