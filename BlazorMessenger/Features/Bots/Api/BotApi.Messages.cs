using System.Text.Json;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Safety;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots.Api;

public sealed partial class BotApi
{
    private async Task<TgMessage> SendMessageAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        var text = a.Text("text") ?? "";
        if (text.Trim().Length == 0)
        {
            throw BotApiException.BadRequest("message text is empty");
        }

        if (text.Length > 4096)
        {
            throw BotApiException.BadRequest("message is too long");
        }

        var body = BotText.FromTelegram(text, a.Text("parse_mode"));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        var replyTo = await ReplyToAsync(db, chat, a, ct);
        limits.Take(bot.UserId, chat);
        var sent = await chats.SendAsync(bot.UserId, chat.ConversationId, Guid.NewGuid(), body, replyTo, ct);
        if (!sent.Succeeded)
        {
            throw Refused(sent.Error!);
        }

        return await BotMessageViews.BuildAsync(db, bot.UserId, sent.Value!.Id, ct);
    }

    /// <summary>reply_parameters.message_id, or the older reply_to_message_id: a message of the same chat.</summary>
    private static async Task<long?> ReplyToAsync(ApplicationDbContext db, BotChat chat, BotArguments a, CancellationToken ct)
    {
        var id = a.Json("reply_parameters") is { ValueKind: JsonValueKind.Object } reply && reply.TryGetProperty("message_id", out var messageId)
                 && messageId.TryGetInt64(out var parsed)
            ? parsed
            : a.Long("reply_to_message_id");
        if (id is not { } replyId)
        {
            return null;
        }

        return await db.Messages.AnyAsync(m => m.Id == replyId && m.ConversationId == chat.ConversationId, ct)
            ? replyId
            : throw BotApiException.BadRequest("message to be replied not found");
    }

    private async Task<TgMessage> EditMessageTextAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        var text = a.Text("text") ?? "";
        if (text.Trim().Length == 0)
        {
            throw BotApiException.BadRequest("message text is empty");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, message) = await MessageInChatAsync(db, bot, a, ct);
        var edited = await changes.EditAsync(bot.UserId, message.Id, BotText.FromTelegram(text, a.Text("parse_mode")), ct);
        if (!edited.Succeeded)
        {
            throw edited.Error == MessageRules.NotYours ? BotApiException.BadRequest("message can't be edited") : Refused(edited.Error!);
        }

        if (edited.Value!.Body == message.Body)
        {
            throw BotApiException.BadRequest(
                "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
        }

        return await BotMessageViews.BuildAsync(db, bot.UserId, message.Id, ct);
    }

    private async Task<bool> DeleteMessageAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, message) = await MessageInChatAsync(db, bot, a, ct);
        var deleted = await changes.DeleteAsync(bot.UserId, message.Id, ct);
        return deleted.Succeeded ? true : throw BotApiException.BadRequest("message can't be deleted");
    }

    /// <summary>A copy of a message of a chat the bot is in, marked "Forwarded", into another such chat.</summary>
    private async Task<TgMessage> ForwardMessageAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var from = await BotChats.ResolveAsync(db, bot, a.Text("from_chat_id"), ct);
        var to = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        var id = a.RequiredLong("message_id");
        if (!await db.Messages.AnyAsync(m => m.Id == id && m.ConversationId == from.ConversationId, ct))
        {
            throw BotApiException.BadRequest("message to forward not found");
        }

        limits.Take(bot.UserId, to);
        var forwarded = await forwards.ForwardAsync(bot.UserId, id, [to.ConversationId], Guid.NewGuid(), ct);
        var copy = forwarded.Succeeded ? forwarded.Value!.Single() : null;
        return copy?.Copy is { } message
            ? await BotMessageViews.BuildAsync(db, bot.UserId, message.Id, ct)
            : throw Refused(copy?.Error ?? forwarded.Error!);
    }

    /// <summary>Only "typing" shows (for five seconds, or until the bot's message comes); the other actions are accepted and not shown.</summary>
    private async Task<bool> SendChatActionAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        var action = a.RequiredText("action");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        if (action == "typing")
        {
            await typing.ReportAsync(bot.UserId, chat.ConversationId, ct);
        }

        return true;
    }

    /// <summary>The reaction list replaces the bot's reactions on the message (an empty list takes them all back).</summary>
    private async Task<bool> SetMessageReactionAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, message) = await MessageInChatAsync(db, bot, a, ct);
        var wanted = a.Json("reaction") is { ValueKind: JsonValueKind.Array } list
            ? list.EnumerateArray().Where(r => r.TryGetProperty("type", out var type) && type.GetString() == "emoji" && r.TryGetProperty("emoji", out _))
                .Select(r => r.GetProperty("emoji").GetString()!).Distinct().ToList()
            : [];
        var mine = await db.Reactions.AsNoTracking().Where(r => r.MessageId == message.Id && r.UserId == bot.UserId).Select(r => r.Emoji).ToListAsync(ct);
        foreach (var (emoji, add) in mine.Except(wanted).Select(e => (e, false)).Concat(wanted.Except(mine).Select(e => (e, true))))
        {
            var set = await reactions.SetAsync(bot.UserId, message.Id, emoji, add, ct);
            if (!set.Succeeded)
            {
                throw BotApiException.BadRequest(set.Error == Chat.Reactions.ReactionService.NotAnEmoji ? "REACTION_INVALID" : set.Error!);
            }
        }

        return true;
    }

    /// <summary>chat_id and message_id naming a message of that chat; Telegram's "message not found" for any other.</summary>
    private static async Task<(BotChat Chat, Message Message)> MessageInChatAsync(ApplicationDbContext db, BotCaller bot, BotArguments a, CancellationToken ct)
    {
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        var id = a.RequiredLong("message_id");
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.ConversationId == chat.ConversationId, ct)
            ?? throw BotApiException.BadRequest("message to edit not found");
        return (chat, message);
    }

    /// <summary>A service's refusal in Telegram's words where Telegram has some; the service's sentence otherwise.</summary>
    private static BotApiException Refused(string error) => error switch
    {
        Relations.NotAccepting => BotApiException.Forbidden("bot was blocked by the user"),
        Relations.DeletedAccount => BotApiException.Forbidden("user is deactivated"),
        MessageRules.ServerBusy => new BotApiException(429, "Too Many Requests: retry after 1", 1),
        _ => BotApiException.BadRequest(error),
    };
}
