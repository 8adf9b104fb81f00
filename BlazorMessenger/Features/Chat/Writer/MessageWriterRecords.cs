using BlazorMessenger.Data;

namespace BlazorMessenger.Features.Chat.Writer;

/// <summary>
/// A message to store. Image, file and voice messages bring their Media row (files already written) and skip the send
/// limit (uploads have their own); system messages bring the group change they record, and count against it like any
/// message, so an admin cannot flood a group with renames (a group's first message has the group creation limit
/// instead: Limited false). A reply brings the quote of the message it answers (checked by the sender's service). A
/// webhook's post brings its card, and its sender is the webhook, which the writer lets in by the webhook's binding to
/// the conversation rather than by membership.
/// </summary>
public sealed record NewMessage(
    string SenderId, long ConversationId, Guid ClientMessageId, string Body, Data.Media? Media = null, GroupChange? Change = null,
    bool Limited = true, ChatQuote? ReplyTo = null, bool Forwarded = false, Hooks.MessageCard? Card = null)
{
    public bool ByHook => Card is not null;

    /// <summary>Uploads have their own limit; a forwarded copy uploads nothing, so it counts as a message.</summary>
    public bool CountsAgainstSendLimit => (Media is null || Forwarded) && Limited;

    public MessageKind Kind => Change is not null ? MessageKind.System
        : Media?.Kind switch
        {
            null => MessageKind.Text,
            MediaKind.Image => MessageKind.Image,
            MediaKind.Voice => MessageKind.Voice,
            _ => MessageKind.File,
        };
}

/// <summary>
/// A change to a group (its members, roles, name or picture), made inside the writer's transaction with the Seq of the
/// system message that records it, so the change and its message commit together and order with every other message.
/// It decides against the database as it is in that transaction, and refuses before it changes anything.
/// </summary>
public delegate Task<GroupChangeResult> GroupChange(ApplicationDbContext db, long seq, DateTime now);

/// <summary>The system message's text and who else must hear of it (someone just removed), or a refusal.</summary>
public sealed record GroupChangeResult(string? Text, string? Error = null, IReadOnlyList<string>? AlsoTell = null)
{
    public static GroupChangeResult Refuse(string error) => new(null, error);
}

/// <summary>The stored message, and whether this call stored it (false when its client id had been stored before).</summary>
public sealed record StoredMessage(ChatMessage Message, bool IsNew);
