using System.Text;
using System.Text.RegularExpressions;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Format;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// Text between the app's messages (its Markdown subset, mentions as tokens) and Telegram's (plain text with entities
/// on the way out; plain, MarkdownV2 or HTML on the way in).
/// </summary>
public static partial class BotText
{
    /// <summary>
    /// A stored body as Telegram text: formatting taken off, mentions as "@username", and entities (UTF-16 offsets, as
    /// Telegram counts) for a leading command, mentions and links.
    /// </summary>
    public static (string Text, List<TgEntity> Entities) ToTelegram(string body, Func<string, TgUser?> userOf)
    {
        var text = new StringBuilder();
        var entities = new List<TgEntity>();
        foreach (var (piece, userId) in Mentions.Split(MessageFormat.ToPlainText(body)))
        {
            if (userId is null)
            {
                text.Append(piece);
                continue;
            }

            var name = userId == Mentions.All ? "@all" : userOf(userId) is { Username: { } userName } ? "@" + userName : piece;
            entities.Add(new TgEntity("mention", text.Length, name.Length));
            text.Append(name);
        }

        var plain = text.ToString();
        if (BotHearing.Command().Match(plain) is { Success: true } command)
        {
            entities.Add(new TgEntity("bot_command", 0, command.Length));
        }

        foreach (Match link in Url().Matches(plain))
        {
            entities.Add(new TgEntity("url", link.Index, link.Length));
        }

        entities.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return (plain, entities);
    }

    /// <summary>
    /// A bot's text in the app's Markdown: parse_mode MarkdownV2 or HTML converted; without one, stored as written, as a
    /// person's typing is (the app's dialect has no escapes, so "*x*" shows slanted either way).
    /// </summary>
    public static string FromTelegram(string text, string? parseMode) => parseMode?.ToUpperInvariant() switch
    {
        "MARKDOWNV2" => MarkdownV2.Convert(text),
        "MARKDOWN" => MarkdownV2.Convert(text, legacy: true),
        "HTML" => TelegramHtml.Convert(text),
        _ => text,
    };

    /// <summary>The app shows links as their address (it has no labelled links): "label (url)", or the url alone.</summary>
    private static string Link(string label, string url) =>
        url.StartsWith("tg://", StringComparison.OrdinalIgnoreCase) || label == url ? (label.Length > 0 ? label : url) : $"{label} ({url})";

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
