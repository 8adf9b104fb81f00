using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>
/// What a message's actions menu offers, with no renderer. The services decide; the menu only leaves out what they would
/// refuse: nothing that answers in a read-only conversation (a request not accepted yet, a group the reader left), no
/// reaction to a system line, pins only where the reader may pin, edits of one's own text, images and files within
/// <see cref="MessageRules.EditWindow"/>, and Delete for one's own messages where Report is for everyone else's.
/// </summary>
public readonly record struct MessageMenu(bool React, bool Reply, bool Pin, bool Copy, bool Edit, bool Info, bool Delete)
{
    public bool Report => !Delete;

    /// <param name="mine">The message is the reader's own.</param>
    /// <param name="readOnly">The reader may copy and report here, nothing that answers.</param>
    /// <param name="canPin">The reader may pin in this conversation.</param>
    public static MessageMenu For(ChatMessage message, bool mine, bool isGroup, bool readOnly, bool canPin, DateTime nowUtc) => new(
        React: message.Kind != MessageKind.System && !readOnly,
        Reply: !readOnly,
        Pin: canPin && !readOnly,
        Copy: message.Body.Length > 0,
        Edit: mine && !readOnly && message.Kind is MessageKind.Text or MessageKind.Image or MessageKind.File
              && nowUtc - DateTime.SpecifyKind(message.CreatedUtc, DateTimeKind.Utc) < MessageRules.EditWindow,
        Info: mine && isGroup,
        Delete: mine);
}
