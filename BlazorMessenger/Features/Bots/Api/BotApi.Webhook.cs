using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots.Api;

public sealed partial class BotApi
{
    /// <summary>
    /// From now on the bot's updates are POSTed to url (see <see cref="BotWebhooks"/>); an empty url goes back to
    /// polling. secret_token, 1–256 characters of [A-Za-z0-9_-], comes back in X-Telegram-Bot-Api-Secret-Token.
    /// </summary>
    private async Task<bool> SetWebhookAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        var url = a.Text("url") ?? "";
        if (url.Length == 0)
        {
            return await DeleteWebhookAsync(bot, a, ct);
        }

        if (BotWebhooks.Problem(url, options.Value) is { } problem)
        {
            throw BotApiException.BadRequest($"bad webhook: {problem}");
        }

        var secret = a.Text("secret_token");
        if (secret is not null && (secret.Length is 0 or > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw BotApiException.BadRequest("secret token contains unallowed characters");
        }

        if (a.Has("allowed_updates"))
        {
            await AllowedUpdatesAsync(bot, a, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Bots.Where(b => b.UserId == bot.UserId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.WebhookUrl, url).SetProperty(b => b.WebhookSecret, secret)
            .SetProperty(b => b.LastErrorUtc, (DateTime?)null).SetProperty(b => b.LastErrorMessage, (string?)null), ct);
        if (a.Bool("drop_pending_updates"))
        {
            await db.BotUpdates.Where(u => u.BotId == bot.UserId).ExecuteDeleteAsync(ct);
        }

        return true;
    }

    /// <summary>A bot's webhook answered with a method to run (Telegram runs it, and telegraf relies on that).</summary>
    internal async Task RunReplyAsync(BotCaller bot, JsonElement reply, CancellationToken ct)
    {
        if (reply.ValueKind != JsonValueKind.Object || !reply.TryGetProperty("method", out var method) || method.GetString() is not { } name)
        {
            return;
        }

        try
        {
            await CallAsync(bot, name.ToLowerInvariant(), BotArguments.FromJson(reply), ct);
        }
        catch (BotApiException refused)
        {
            logger.LogInformation("A webhook reply's method {Method} was refused: {Description}", name, refused.Message);
        }
    }

    /// <summary>The next updates for a webhook, as getUpdates would answer them (shared, so both read the same way).</summary>
    internal Task<List<TgUpdate>> WebhookUpdatesAsync(BotCaller bot, int limit, CancellationToken ct) =>
        PendingUpdatesAsync(bot.UserId, 0, limit, bot.AllowedUpdates?.Split(',') ?? DefaultUpdates, ct);

    /// <summary>The webhook took an update: forget it.</summary>
    internal async Task ConfirmDeliveredAsync(string botId, long updateId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.BotUpdates.Where(u => u.BotId == botId && u.Id <= updateId).ExecuteDeleteAsync(ct);
    }
}
