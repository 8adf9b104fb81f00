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

        foreach (Match link in Link().Matches(plain))
        {
            entities.Add(new TgEntity("url", link.Index, link.Length));
        }

        entities.Sort((a, b) => a.Offset.CompareTo(b.Offset));
        return (plain, entities);
    }

    /// <summary>A bot's text in the app's Markdown: parse_mode MarkdownV2 or HTML converted, none (or anything else) shown as written.</summary>
    public static string FromTelegram(string text, string? parseMode) => parseMode?.ToUpperInvariant() switch
    {
        "MARKDOWNV2" => MarkdownV2.Convert(text),
        "MARKDOWN" => MarkdownV2.Convert(text, legacy: true),
        "HTML" => TelegramHtml.Convert(text),
        _ => Literal(text),
    };

    /// <summary>Text that must show exactly as written: every character that could start formatting is escaped.</summary>
    public static string Literal(string text)
    {
        var escaped = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lineStart = i == 0 || text[i - 1] == '\n';
            var needs = c is '\\' or '*' or '`' or '[' or ']' or '<' or '>' or '~' or '|'
                || (c == '_' && !(i > 0 && char.IsLetterOrDigit(text[i - 1]) && i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1])))
                || (lineStart && c is '#' or '-' or '+' or '=')
                || (c is '.' or ')' && i > 0 && char.IsDigit(text[i - 1]) && LineIsDigitsUpTo(text, i));
            if (needs)
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Whether everything from the line's start to i is digits ("12." would start a numbered list).</summary>
    private static bool LineIsDigitsUpTo(string text, int i)
    {
        var start = text.LastIndexOf('\n', i - 1) + 1;
        for (var j = start; j < i; j++)
        {
            if (!char.IsDigit(text[j]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+[^\s<>"".,;:!?)\]]", RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
