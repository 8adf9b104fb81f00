using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots.Api;

public sealed partial class BotApi
{
    /// <summary>sendPhoto, sendDocument and sendVoice: a multipart upload, or the file_id of a file the bot may read.</summary>
    private async Task<TgMessage> SendMediaAsync(BotCaller bot, BotArguments a, MediaKind kind, CancellationToken ct)
    {
        var field = kind switch { MediaKind.Image => "photo", MediaKind.Voice => "voice", _ => "document" };
        var caption = a.Text("caption") is { Length: > 0 } text ? BotText.FromTelegram(text, a.Text("parse_mode")) : null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var chat = await BotChats.ResolveAsync(db, bot, a.Text("chat_id"), ct);
        var replyTo = await ReplyToAsync(db, chat, a, ct);
        var (content, fileName, contentType) = await FileOfAsync(db, bot, a, field, ct);
        await using (content)
        {
            limits.Take(bot.UserId, chat);
            var clientId = Guid.NewGuid();
            ServiceResult<ChatMessage> sent;
            if (kind == MediaKind.Image)
            {
                using var bytes = new MemoryStream();
                await content.CopyToAsync(bytes, ct);
                sent = await attachments.SendImageAsync(bot.UserId, chat.ConversationId, clientId, bytes.ToArray(), caption, replyTo, ct);
            }
            else
            {
                var duration = kind == MediaKind.Voice ? a.Long("duration") * 1000 ?? throw BotApiException.BadRequest("the voice message's duration is required") : (long?)null;
                var upload = new FileUpload(content, fileName, kind == MediaKind.Voice ? contentType ?? "audio/ogg" : contentType, kind, (int?)duration);
                sent = await attachments.SendFileAsync(bot.UserId, chat.ConversationId, clientId, upload, caption, replyTo, ct);
            }

            return sent.Succeeded ? await BotMessageViews.BuildAsync(db, bot.UserId, sent.Value!.Id, ct) : throw Refused(sent.Error!);
        }
    }

    /// <summary>
    /// The file a send names: an uploaded part, or a file_id of a file the bot may read (read again from storage and sent
    /// through the same pipeline). A URL is refused: the server never fetches what a bot points it at.
    /// </summary>
    private async Task<(Stream Content, string? FileName, string? ContentType)> FileOfAsync(
        ApplicationDbContext db, BotCaller bot, BotArguments a, string field, CancellationToken ct)
    {
        if (a.File(field) is { } upload)
        {
            return (upload.OpenReadStream(), upload.FileName, upload.ContentType);
        }

        var id = a.Text(field) ?? throw BotApiException.BadRequest($"there is no {field} in the request");
        if (id.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || id.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw BotApiException.BadRequest("sending files by URL is not supported: upload the file or send a file_id");
        }

        var media = await db.MediaReadableBy(bot.UserId).AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.StorageKey, m.FileName, m.ContentType }).FirstOrDefaultAsync(ct)
            ?? throw BotApiException.BadRequest("wrong file identifier/HTTP URL specified");
        var path = mediaStore.PathFor(media.StorageKey);
        return File.Exists(path)
            ? (File.OpenRead(path), media.FileName, media.ContentType)
            : throw BotApiException.BadRequest("wrong file identifier/HTTP URL specified");
    }

    /// <summary>getFile: where the bot downloads a file it may read (file_path, served by <see cref="ServeFileAsync"/>).</summary>
    private async Task<TgFile> GetFileAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        var id = a.RequiredText("file_id");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var media = await db.MediaReadableBy(bot.UserId).AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.Id, m.Kind, m.Bytes, m.ContentType }).FirstOrDefaultAsync(ct)
            ?? throw BotApiException.BadRequest("wrong file_id or the file is temporarily unavailable");
        var folder = media.Kind switch { MediaKind.Image => "photos", MediaKind.Voice => "voice", _ => "documents" };
        return new TgFile(media.Id, media.Id, media.Bytes, $"{folder}/{media.Id}");
    }

    /// <summary>GET /file/bot{token}/{folder}/{file id}: the file, for a bot that may read it; 404 otherwise, as for anyone.</summary>
    public async Task<IResult> ServeFileAsync(HttpContext context, string token, string path)
    {
        context.Response.Headers.CacheControl = "no-store";
        var ct = context.RequestAborted;
        if (await AuthenticateAsync(token, ct) is not { } bot)
        {
            return Results.Json(new TgResponse(false, null, 401, "Unauthorized"), TelegramJson.Options, statusCode: 401);
        }

        var id = path.Split('/')[^1];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var media = await db.MediaReadableBy(bot.UserId).AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { m.StorageKey, m.ContentType, m.FileName }).FirstOrDefaultAsync(ct);
        return media is null
            ? Results.Json(new TgResponse(false, null, 404, "Not Found"), TelegramJson.Options, statusCode: 404)
            : ProtectedFile.Serve(context, mediaStore, media.StorageKey, MediaRules.ServedType(media.ContentType), media.FileName ?? id);
    }
}
