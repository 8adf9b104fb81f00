using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Format;

namespace BlazorMessenger.Features.Chat;

public static class MessageRules
{
    public const int MaxLength = 4000;
    public const int PageSize = 50;
    public const int CatchUpLimit = 500;
    public const int PreviewLength = 120;

    public static readonly string TooLong = $"A message can have at most {MaxLength:N0} characters.";
    public const string Empty = "A message can't be empty.";
    public const string DeletedText = "This message was deleted";
    public static readonly TimeSpan EditWindow = TimeSpan.FromHours(48);

    /// <summary>Whether a message sent at createdUtc may still be edited, or deleted for everyone: the menu and the service ask this.</summary>
    public static bool WithinEditWindow(DateTime createdUtc, DateTime nowUtc) => nowUtc - createdUtc < EditWindow;

    public const string EditWindowPassed = "Messages can only be edited for 48 hours after they were sent.";
    public const string DeleteWindowPassed = "Messages can only be deleted for everyone for 48 hours after they were sent. Delete it for yourself instead.";
    public const string NotYours = "You can only change your own messages.";
    public const string AlreadyDeleted = "This message was deleted.";
    /// <summary>The writer could not take or store it now (a full queue, a locked or full disk, a restart); a retry is safe.</summary>
    public const string ServerBusy = "The server is busy and couldn't store this just now. Try again in a moment.";

    public const string SlowDown = "You're sending messages too quickly. Slow down and try again in a moment.";

    /// <summary>The start of the message's text, without its formatting.</summary>
    public static string Preview(string body) =>
        MessageFormat.ToPlainText(body) is var text && text.Length <= PreviewLength
            ? text
            : string.Concat(text.AsSpan(0, PreviewLength), "…");

    /// <summary>The conversation list's line for a message: images, files and voice notes say so, with their caption if any.</summary>
    public static string Preview(MessageKind kind, string body) => kind switch
    {
        MessageKind.Image => body.Length == 0 ? "📷 Photo" : $"📷 {Preview(body)}",
        MessageKind.File => body.Length == 0 ? "📄 File" : $"📄 {Preview(body)}",
        MessageKind.Voice => "🎤 Voice message",
        _ => Preview(body),
    };
}
