using System.Text.RegularExpressions;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;

namespace BlazorMessenger.Features.Bots;

/// <summary>
/// A bot in a conversation, as the message writer and the change services need it to decide what it hears; Reactions:
/// it asked for message_reaction updates.
/// </summary>
public sealed record BotListener(string UserId, string UserName, bool PrivacyMode, bool Reactions = false);

/// <summary>
/// What a bot hears (Telegram's privacy mode): in a direct chat, everything; in a group, with privacy mode on, only
/// commands ("/cmd", or "/cmd@thisbot"), messages that mention it, and replies to its own messages; with it off,
/// everything. Never another bot's messages, never system lines, never its own.
/// </summary>
public static partial class BotHearing
{
    public static bool Hears(BotListener bot, bool isGroup, string senderId, bool senderIsBot, MessageKind kind, string body, string? repliedToSenderId)
    {
        if (senderId == bot.UserId || senderIsBot || kind == MessageKind.System)
        {
            return false;
        }

        return !isGroup || !bot.PrivacyMode || repliedToSenderId == bot.UserId
            || body.Contains(Mentions.Token(bot.UserId), StringComparison.Ordinal) || IsCommandFor(body, bot.UserName);
    }

    /// <summary>"/cmd" for every bot, "/cmd@name" for that one.</summary>
    public static bool IsCommandFor(string body, string botUserName) =>
        Command().Match(body) is { Success: true } match
        && (!match.Groups["to"].Success || string.Equals(match.Groups["to"].Value, botUserName, StringComparison.OrdinalIgnoreCase));

    /// <summary>The command at the start of a text ("/start", "/help@echo_bot"), as Telegram reads it.</summary>
    [GeneratedRegex(@"^/(?<name>[A-Za-z0-9_]{1,32})(?:@(?<to>[A-Za-z0-9_.]{3,32}))?(?=\s|$)")]
    public static partial Regex Command();
}
