using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Reactions;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Receipts;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Features.Typing;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Bots.Api;

/// <summary>
/// Telegram's Bot API at /bot{token}/{method}, the subset bot frameworks use (see README, "Integrations"), so an
/// unmodified bot works by changing its API root. Every answer is Telegram's envelope. A bot acts through the same
/// services as a person, so the same membership rule, writer, hub, search and notifications apply; it reaches only
/// conversations it is in.
/// </summary>
public sealed partial class BotApi(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    ChatService chats,
    AttachmentService attachments,
    ForwardService forwards,
    MediaStore mediaStore,
    MessageChangeService changes,
    ReactionService reactions,
    TypingTracker typing,
    GroupService groups,
    IMessengerHub hub,
    BotPolls polls,
    ReceiptWriter receipts,
    BotRateLimits limits,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<BotApi> logger)
{
    public static IEndpointRouteBuilder MapBotApi(IEndpointRouteBuilder app)
    {
        // Plain HTTP, no antiforgery, no sign-in: the token in the path is the credential.
        app.MapMethods("/bot{token}/{method}", [HttpMethods.Get, HttpMethods.Post],
                (HttpContext context, string token, string method, BotApi api) => api.HandleAsync(context, token, method))
            .DisableAntiforgery().AllowAnonymous();
        app.MapGet("/file/bot{token}/{**path}", (HttpContext context, string token, string path, BotApi api) => api.ServeFileAsync(context, token, path))
            .AllowAnonymous();
        return app;
    }

    public async Task HandleAsync(HttpContext context, string token, string method)
    {
        context.Response.Headers.CacheControl = "no-store";
        var ct = context.RequestAborted;
        try
        {
            var bot = await AuthenticateAsync(token, ct) ?? throw BotApiException.Unauthorized();
            var arguments = await BotArguments.ReadAsync(context.Request, ct);
            var result = await CallAsync(bot, method.ToLowerInvariant(), arguments, ct);
            await WriteAsync(context, StatusCodes.Status200OK, new TgResponse(true, result));
        }
        catch (BotApiException refused)
        {
            await WriteAsync(context, refused.Code, new TgResponse(false, null, refused.Code, refused.Message,
                refused.RetryAfter is { } wait ? new TgResponseParameters(wait) : null));
        }
        catch (NotAMemberException)
        {
            await WriteAsync(context, 400, new TgResponse(false, null, 400, "Bad Request: message not found"));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (a poll stopped): nobody to answer.
        }
        catch (BadHttpRequestException bad)
        {
            await WriteAsync(context, bad.StatusCode, new TgResponse(false, null, bad.StatusCode, $"Bad Request: {bad.Message}"));
        }
        catch (Exception ex)
        {
            // The path holds the token: only the method is logged.
            logger.LogError(ex, "Bot API method {Method} failed.", method);
            await WriteAsync(context, 500, new TgResponse(false, null, 500, "Internal Server Error"));
        }
    }

    private Task<object> CallAsync(BotCaller bot, string method, BotArguments a, CancellationToken ct) => method switch
    {
        "getme" => Task.FromResult<object>(GetMe(bot)),
        "getupdates" => Boxed(GetUpdatesAsync(bot, a, ct)),
        "setwebhook" => Boxed(SetWebhookAsync(bot, a, ct)),
        "deletewebhook" => Boxed(DeleteWebhookAsync(bot, a, ct)),
        "getwebhookinfo" => Boxed(GetWebhookInfoAsync(bot, ct)),
        "sendmessage" => Boxed(SendMessageAsync(bot, a, ct)),
        "sendphoto" => Boxed(SendMediaAsync(bot, a, MediaKind.Image, ct)),
        "senddocument" => Boxed(SendMediaAsync(bot, a, MediaKind.File, ct)),
        "sendvoice" => Boxed(SendMediaAsync(bot, a, MediaKind.Voice, ct)),
        "getfile" => Boxed(GetFileAsync(bot, a, ct)),
        "forwardmessage" => Boxed(ForwardMessageAsync(bot, a, ct)),
        "editmessagetext" => Boxed(EditMessageTextAsync(bot, a, ct)),
        "deletemessage" => Boxed(DeleteMessageAsync(bot, a, ct)),
        "sendchataction" => Boxed(SendChatActionAsync(bot, a, ct)),
        "setmessagereaction" => Boxed(SetMessageReactionAsync(bot, a, ct)),
        "getchat" => Boxed(GetChatAsync(bot, a, ct)),
        "getchatmember" => Boxed(GetChatMemberAsync(bot, a, ct)),
        "getchatadministrators" => Boxed(GetChatAdministratorsAsync(bot, a, ct)),
        "leavechat" => Boxed(LeaveChatAsync(bot, a, ct)),
        _ => throw new BotApiException(404, "Not Found: method not found"),
    };

    private static async Task<object> Boxed<T>(Task<T> task) where T : notnull => await task;

    /// <summary>The bot whose token this is: found by its number, then the secret's hash compared in constant time.</summary>
    private async Task<BotCaller?> AuthenticateAsync(string token, CancellationToken ct)
    {
        if (!BotTokens.TryParse(token, out var number, out var secret))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await Callers(db).FirstOrDefaultAsync(c => c.Number == number, ct);
        return found is not null && BotTokens.Matches(found.TokenHash, secret) ? found.Caller : null;
    }

    /// <summary>The bot as the webhook sender acts for it (its token was proven when the webhook was set).</summary>
    internal async Task<BotCaller?> CallerAsync(string botId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await Callers(db).FirstOrDefaultAsync(c => c.UserId == botId, ct))?.Caller;
    }

    /// <summary>Bots that may act: not deleted, not disabled by an admin.</summary>
    private static IQueryable<CallerRow> Callers(ApplicationDbContext db) =>
        db.Bots.AsNoTracking().Where(b => b.User!.DeletedUtc == null && b.User.DisabledUtc == null)
            .Join(db.UserNumbers, b => b.UserId, n => n.UserId, (b, n) => new CallerRow
            {
                UserId = b.UserId, Number = n.Number, UserName = b.User!.UserName!, DisplayName = b.User.DisplayName, PrivacyMode = b.PrivacyMode,
                WebhookUrl = b.WebhookUrl, AllowedUpdates = b.AllowedUpdates, TokenHash = b.TokenHash,
            });

    private sealed class CallerRow
    {
        public required string UserId { get; init; }

        public required long Number { get; init; }

        public required string UserName { get; init; }

        public string? DisplayName { get; init; }

        public bool PrivacyMode { get; init; }

        public string? WebhookUrl { get; init; }

        public string? AllowedUpdates { get; init; }

        public required byte[] TokenHash { get; init; }

        public BotCaller Caller => new(UserId, Number, UserName, ChatPeer.NameOf(UserName, DisplayName), PrivacyMode, WebhookUrl, AllowedUpdates);
    }

    private static Task WriteAsync(HttpContext context, int status, TgResponse response)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(response, TelegramJson.Options, context.RequestAborted);
    }

    private static TgUser GetMe(BotCaller bot) => bot.AsUser() with
    {
        CanJoinGroups = true, CanReadAllGroupMessages = !bot.PrivacyMode, SupportsInlineQueries = false,
    };
}
