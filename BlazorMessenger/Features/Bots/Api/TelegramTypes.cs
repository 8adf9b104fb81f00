using System.Text.Json;
using System.Text.Json.Serialization;

namespace BlazorMessenger.Features.Bots.Api;

// Telegram's Bot API objects (core.telegram.org/bots/api#available-types), only the fields this server fills. Names are
// written in snake_case and nulls left out, as Telegram does; frameworks require the fields that are not nullable here.

public sealed record TgUser(
    long Id, bool IsBot, string FirstName, string? Username = null, bool? CanJoinGroups = null,
    bool? CanReadAllGroupMessages = null, bool? SupportsInlineQueries = null);

public sealed record TgChat(long Id, string Type, string? Title = null, string? Username = null, string? FirstName = null);

/// <summary>getChat's answer: a chat and what Telegram.Bot requires of ChatFullInfo.</summary>
public sealed record TgChatFullInfo(
    long Id, string Type, string? Title, string? Username, string? FirstName, int AccentColorId, int MaxReactionCount, string? Description);

public sealed record TgEntity(string Type, int Offset, int Length, string? Url = null, TgUser? User = null);

public sealed record TgPhotoSize(string FileId, string FileUniqueId, int Width, int Height, long? FileSize);

public sealed record TgDocument(string FileId, string FileUniqueId, string? FileName, string? MimeType, long? FileSize);

public sealed record TgVoice(string FileId, string FileUniqueId, int Duration, string? MimeType, long? FileSize);

public sealed record TgFile(string FileId, string FileUniqueId, long? FileSize, string? FilePath);

public sealed record TgMessage(
    long MessageId, TgUser? From, long Date, TgChat Chat, string? Text = null, IReadOnlyList<TgEntity>? Entities = null,
    TgMessage? ReplyToMessage = null, long? EditDate = null, IReadOnlyList<TgPhotoSize>? Photo = null, TgDocument? Document = null,
    TgVoice? Voice = null, string? Caption = null, IReadOnlyList<TgEntity>? CaptionEntities = null);

public sealed record TgReactionType(string Type, string Emoji);

public sealed record TgMessageReactionUpdated(
    TgChat Chat, long MessageId, TgUser? User, long Date, IReadOnlyList<TgReactionType> OldReaction, IReadOnlyList<TgReactionType> NewReaction);

public sealed record TgUpdate(
    long UpdateId, TgMessage? Message = null, TgMessage? EditedMessage = null, TgMessageReactionUpdated? MessageReaction = null);

public sealed record TgChatMember(string Status, TgUser User);

public sealed record TgWebhookInfo(
    string Url, bool HasCustomCertificate, int PendingUpdateCount, long? LastErrorDate = null, string? LastErrorMessage = null,
    int? MaxConnections = null, IReadOnlyList<string>? AllowedUpdates = null);

/// <summary>Telegram's envelope: {"ok":true,"result":…} or {"ok":false,"error_code":N,"description":"…","parameters":{…}}.</summary>
public sealed record TgResponse(bool Ok, object? Result = null, int? ErrorCode = null, string? Description = null, TgResponseParameters? Parameters = null);

public sealed record TgResponseParameters(int? RetryAfter = null);

public static class TelegramJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
