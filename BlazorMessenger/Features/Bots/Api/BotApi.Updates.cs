using System.Text.Json;
using BlazorMessenger.Data;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Bots.Api;

public sealed partial class BotApi
{
    /// <summary>The update types a bot gets unless it asks otherwise (Telegram's default leaves reactions out).</summary>
    private static readonly string[] DefaultUpdates = ["message", "edited_message"];

    private static readonly Dictionary<BotUpdateKind, string> UpdateNames = new()
    {
        [BotUpdateKind.Message] = "message", [BotUpdateKind.EditedMessage] = "edited_message", [BotUpdateKind.MessageReaction] = "message_reaction",
    };

    /// <summary>
    /// Long polling: offset confirms (forgets) every update below it, a negative one keeps only the last -offset; the
    /// request waits up to timeout seconds (at most MaxPollSeconds) for an update, answering as soon as one is written.
    /// </summary>
    private async Task<IReadOnlyList<TgUpdate>> GetUpdatesAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        if (bot.WebhookUrl is not null)
        {
            throw new BotApiException(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        }

        var offset = a.Long("offset") ?? 0;
        var limit = a.Int("limit", 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(a.Int("timeout", 0, 0, options.Value.MaxPollSeconds));
        var allowed = await AllowedUpdatesAsync(bot, a, ct);

        var poll = polls.Begin(bot.UserId);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = hub.Subscribe(bot.UserId, e =>
        {
            if (e is MessagePosted or MessageChanged or ReactionsChanged)
            {
                written.TrySetResult();
            }
        });
        try
        {
            var until = time.GetUtcNow() + timeout;
            offset = await ConfirmAsync(bot.UserId, offset, ct);
            while (true)
            {
                var pending = written;
                var updates = await PendingUpdatesAsync(bot.UserId, offset, limit, allowed, ct);
                var left = until - time.GetUtcNow();
                if (updates.Count > 0 || left <= TimeSpan.Zero)
                {
                    await MarkTakenAsync(bot.UserId, updates, ct);
                    return updates;
                }

                // The timer goes with the wait: a bot that gets updates often would otherwise leave one behind each time.
                using (var timer = CancellationTokenSource.CreateLinkedTokenSource(ct))
                {
                    poll.Waiting = true;
                    await Task.WhenAny(pending.Task, poll.Superseded.Task, Task.Delay(left, time, timer.Token));
                    poll.Waiting = false;
                    await timer.CancelAsync();
                }

                ct.ThrowIfCancellationRequested();
                if (poll.Superseded.Task.IsCompleted)
                {
                    throw new BotApiException(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running");
                }

                written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        finally
        {
            polls.End(bot.UserId, poll);
        }
    }

    /// <summary>Forgets what the offset confirms, and what is older than the retention; answers the offset to read from.</summary>
    private async Task<long> ConfirmAsync(string botId, long offset, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var expired = time.GetUtcNow().UtcDateTime.AddHours(-options.Value.UpdateRetentionHours);
        await db.BotUpdates.Where(u => u.BotId == botId && u.CreatedUtc < expired).ExecuteDeleteAsync(ct);
        if (offset < 0)
        {
            offset = await db.BotUpdates.Where(u => u.BotId == botId).OrderByDescending(u => u.Id).Skip((int)Math.Min(-offset, 100) - 1)
                .Select(u => u.Id).FirstOrDefaultAsync(ct);
        }

        if (offset > 0)
        {
            await db.BotUpdates.Where(u => u.BotId == botId && u.Id < offset).ExecuteDeleteAsync(ct);
        }

        return offset;
    }

    /// <summary>
    /// The bot's next updates as Telegram objects. One whose message is gone (deleted, or no longer the bot's to read) or
    /// of a type it did not ask for is forgotten instead.
    /// </summary>
    private async Task<List<TgUpdate>> PendingUpdatesAsync(string botId, long offset, int limit, IReadOnlyCollection<string> allowed, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.BotUpdates.AsNoTracking().Where(u => u.BotId == botId && u.Id >= offset)
            .OrderBy(u => u.Id).Take(limit).ToListAsync(ct);
        var messages = await BotMessageViews.BuildAsync(db, botId, [.. rows.Select(r => r.MessageId).Distinct()], ct);
        var reactions = rows.Where(r => r.Kind == BotUpdateKind.MessageReaction && r.Payload is not null)
            .ToDictionary(r => r.Id, r => JsonSerializer.Deserialize<ReactionChange>(r.Payload!)!);
        var reactors = await BotMessageViews.PeopleAsync(db, [.. reactions.Values.Select(r => r.UserId)], ct);
        var updates = new List<TgUpdate>(rows.Count);
        var dropped = new List<long>();
        foreach (var row in rows)
        {
            var update = !allowed.Contains(UpdateNames[row.Kind]) || !messages.TryGetValue(row.MessageId, out var message) ? null
                : row.Kind switch
                {
                    BotUpdateKind.EditedMessage => new TgUpdate(row.Id, EditedMessage: message),
                    BotUpdateKind.MessageReaction when reactions.TryGetValue(row.Id, out var change) =>
                        new TgUpdate(row.Id, MessageReaction: new TgMessageReactionUpdated(message.Chat, message.MessageId,
                            reactors.GetValueOrDefault(change.UserId), BotMessageViews.Unix(row.CreatedUtc), Emoji(change.Before), Emoji(change.After))),
                    BotUpdateKind.MessageReaction => null,
                    _ => new TgUpdate(row.Id, Message: message),
                };
            if (update is null)
            {
                dropped.Add(row.Id);
            }
            else
            {
                updates.Add(update);
            }
        }

        if (dropped.Count > 0)
        {
            await db.BotUpdates.Where(u => dropped.Contains(u.Id)).ExecuteDeleteAsync(ct);
        }

        return updates;
    }

    private static List<TgReactionType> Emoji(IEnumerable<string> emoji) => [.. emoji.Select(e => new TgReactionType("emoji", e))];

    /// <summary>
    /// What a bot took counts as delivered to it (a person's ticks in a direct chat with it say so); its answer reads
    /// what came before, as a person's does.
    /// </summary>
    internal async Task MarkTakenAsync(string botId, IReadOnlyList<TgUpdate> updates, CancellationToken ct)
    {
        var ids = updates.Select(u => (u.Message ?? u.EditedMessage)?.MessageId).OfType<long>().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var reached = await db.Messages.AsNoTracking().Where(m => ids.Contains(m.Id))
            .GroupBy(m => m.ConversationId).Select(g => new { g.Key, Seq = g.Max(m => m.Seq) }).ToListAsync(ct);
        foreach (var conversation in reached)
        {
            await receipts.MarkAsync(botId, conversation.Key, conversation.Seq, ReceiptKind.Delivered, ct);
        }
    }

    /// <summary>allowed_updates: a list replaces the bot's setting ([] is the default set), none keeps what it asked for before.</summary>
    private async Task<IReadOnlyCollection<string>> AllowedUpdatesAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        if (a.Json("allowed_updates") is not { ValueKind: JsonValueKind.Array } list)
        {
            return bot.AllowedUpdates?.Split(',') ?? DefaultUpdates;
        }

        var asked = list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)
            .Where(UpdateNames.ContainsValue).Distinct().ToList();
        var stored = asked.Count == 0 ? null : string.Join(',', asked);
        if (stored != bot.AllowedUpdates)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.Bots.Where(b => b.UserId == bot.UserId).ExecuteUpdateAsync(s => s.SetProperty(b => b.AllowedUpdates, stored), ct);
        }

        return asked.Count == 0 ? DefaultUpdates : asked;
    }

    private async Task<bool> DeleteWebhookAsync(BotCaller bot, BotArguments a, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Bots.Where(b => b.UserId == bot.UserId).ExecuteUpdateAsync(s => s
            .SetProperty(b => b.WebhookUrl, (string?)null).SetProperty(b => b.WebhookSecret, (string?)null), ct);
        if (a.Bool("drop_pending_updates"))
        {
            await db.BotUpdates.Where(u => u.BotId == bot.UserId).ExecuteDeleteAsync(ct);
        }

        return true;
    }

    private async Task<TgWebhookInfo> GetWebhookInfoAsync(BotCaller bot, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var state = await db.Bots.AsNoTracking().Where(b => b.UserId == bot.UserId)
            .Select(b => new { b.WebhookUrl, b.LastErrorUtc, b.LastErrorMessage }).SingleAsync(ct);
        var pending = await db.BotUpdates.CountAsync(u => u.BotId == bot.UserId, ct);
        return new TgWebhookInfo(state.WebhookUrl ?? "", false, pending,
            state.WebhookUrl is not null && state.LastErrorUtc is { } at ? BotMessageViews.Unix(at) : null,
            state.WebhookUrl is not null ? state.LastErrorMessage : null,
            AllowedUpdates: bot.AllowedUpdates?.Split(','));
    }
}
