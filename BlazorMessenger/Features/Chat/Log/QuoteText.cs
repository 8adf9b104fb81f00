using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat.Format;

namespace BlazorMessenger.Features.Chat.Log;

/// <summary>The one line a quote shows (in a reply, above the composer, in the pinned bar).</summary>
public static class QuoteText
{
    public const string Deleted = "Deleted message";

    public static string Of(ChatQuote quote, Func<string, string?> userNameOf)
    {
        if (quote.Deleted)
        {
            return Deleted;
        }

        var text = FirstLine(Mentions.Decode(MessageFormat.ToPlainText(quote.Text), userNameOf));
        return quote.Kind switch
        {
            MessageKind.Image => text.Length == 0 ? "📷 Photo" : $"📷 {text}",
            MessageKind.Voice => "🎤 Voice message",
            MessageKind.File => $"📄 {quote.FileName ?? "File"}",
            _ => text,
        };
    }

    private static string FirstLine(string text)
    {
        var line = text.TrimStart();
        var end = line.IndexOf('\n');
        return (end < 0 ? line : line[..end]).Trim();
    }
}
