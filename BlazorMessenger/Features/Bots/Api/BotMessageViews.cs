using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// Messages as Telegram's Message objects, for one bot: only what it may read (the one membership rule), deleted ones
/// left out, the text without its formatting and with entities for commands, mentions and links.
/// </summary>
public static class BotMessageViews
{
    public static async Task<Dictionary<long, TgMessage>> BuildAsync(ApplicationDbContext db, string botId, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var rows = await Rows(db, botId, ids).ToListAsync(ct);
        var replyIds = rows.Where(r => r.ReplyToId is not null).Select(r => r.ReplyToId!.Value).Except(ids).ToList();
        var replies = replyIds.Count == 0 ? [] : await Rows(db, botId, replyIds).ToListAsync(ct);
        var all = rows.Concat(replies).ToList();
        var chats = await BotChats.DescribeAsync(db, botId, [.. all.Select(r => r.ConversationId).Distinct()], ct);
        var people = await PeopleAsync(db, [.. all.Select(r => r.SenderId).Concat(all.SelectMany(r => Mentions.Ids(r.Body)))], ct);
        var byId = all.ToDictionary(r => r.Id);
        return rows.ToDictionary(r => r.Id, r => ToMessage(r, chats, people, r.ReplyToId is { } replyId && byId.TryGetValue(replyId, out var reply)
            ? ToMessage(reply, chats, people, null) : null));
    }

    public static async Task<TgMessage> BuildAsync(ApplicationDbContext db, string botId, long id, CancellationToken ct) =>
        (await BuildAsync(db, botId, [id], ct)).GetValueOrDefault(id) ?? throw BotApiException.BadRequest("message not found");

    private sealed record Row(
        long Id, long ConversationId, string SenderId, MessageKind Kind, string Body, DateTime CreatedUtc, DateTime? EditedUtc, long? ReplyToId,
        string? MediaId, MediaKind? MediaKind, string? ContentType, string? FileName, long Bytes, int Width, int Height, int? DurationMs);

    private static IQueryable<Row> Rows(ApplicationDbContext db, string botId, IReadOnlyCollection<long> ids) =>
        db.MessagesReadableBy(botId).AsNoTracking().Where(m => ids.Contains(m.Id) && m.DeletedUtc == null && m.Kind != MessageKind.System)
            .Select(m => new Row(m.Id, m.ConversationId, m.SenderId, m.Kind, m.Body, m.CreatedUtc, m.EditedUtc, m.ReplyToId,
                m.MediaId, m.Media == null ? null : m.Media.Kind, m.Media == null ? null : m.Media.ContentType, m.Media == null ? null : m.Media.FileName,
                m.Media == null ? 0 : m.Media.Bytes, m.Media == null ? 0 : m.Media.Width, m.Media == null ? 0 : m.Media.Height,
                m.Media == null ? null : m.Media.DurationMs));

    /// <summary>People by id, as Telegram users.</summary>
    public static async Task<Dictionary<string, TgUser>> PeopleAsync(ApplicationDbContext db, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var distinct = ids.Where(id => id != Mentions.All).Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking().Where(u => distinct.Contains(u.Id))
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.IsBot }).ToListAsync(ct);
        var numbers = await db.OfAsync([.. users.Select(u => u.Id)], ct);
        return users.ToDictionary(u => u.Id, u => new TgUser(numbers[u.Id], u.IsBot, ChatPeer.NameOf(u.UserName!, u.DisplayName), u.UserName));
    }

    private static TgMessage ToMessage(Row row, Dictionary<long, TgChat> chats, Dictionary<string, TgUser> people, TgMessage? reply)
    {
        var (text, entities) = BotText.ToTelegram(row.Body, id => people.GetValueOrDefault(id));
        var message = new TgMessage(row.Id, people.GetValueOrDefault(row.SenderId), Unix(row.CreatedUtc), chats[row.ConversationId],
            ReplyToMessage: reply, EditDate: row.EditedUtc is { } edited ? Unix(edited) : null);
        var caption = text.Length == 0 ? null : text;
        var captionEntities = entities.Count == 0 ? null : entities;
        var fileId = row.MediaId; // names a file, never grants one: every use asks the membership rule again
        return row.MediaKind switch
        {
            null => message with { Text = text, Entities = captionEntities },
            MediaKind.Image => message with
            {
                Photo = [new TgPhotoSize(fileId!, row.MediaId!, row.Width, row.Height, row.Bytes)],
                Caption = caption, CaptionEntities = captionEntities,
            },
            MediaKind.Voice => message with
            {
                Voice = new TgVoice(fileId!, row.MediaId!, (row.DurationMs ?? 0) / 1000, row.ContentType, row.Bytes),
                Caption = caption, CaptionEntities = captionEntities,
            },
            _ => message with
            {
                Document = new TgDocument(fileId!, row.MediaId!, row.FileName, row.ContentType, row.Bytes),
                Caption = caption, CaptionEntities = captionEntities,
            },
        };
    }

    public static long Unix(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();
}
