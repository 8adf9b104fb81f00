using BlazorMessenger.Data;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Chat.Format;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Hooks;

public sealed partial class HookService
{
    /// <summary>
    /// Posts a parsed payload as the webhook whose key this is: through the same writer as people's messages (so the
    /// hub, search, receipts and notifications follow), with "@username" of a group's members made mentions, and a text
    /// longer than a message split into several (the card goes with the last).
    /// </summary>
    public async Task<HookAnswer> PostAsync(string key, HookPost post, string? address, CancellationToken ct = default)
    {
        if (HookKeys.HashOf(key) is not { } hash)
        {
            return HookAnswer.NoService;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.AsNoTracking().Where(h => h.KeyHash == hash && h.DeletedUtc == null)
            .Select(h => new { h.UserId, h.ConversationId, h.CreatorId, h.LastUsedUtc })
            .FirstOrDefaultAsync(ct);
        if (hook is null)
        {
            return HookAnswer.NoService;
        }

        // A webhook speaks for whoever made it: in a direct chat, where they may no longer write (blocked, or the other
        // person takes messages from contacts only), neither may it.
        if (await refusals.ForAsync(hook.CreatorId, hook.ConversationId, ct) is not null)
        {
            return HookAnswer.Prohibited;
        }

        if (limits.RetryAfter(hook.UserId) is { } wait)
        {
            return new HookAnswer(StatusCodes.Status429TooManyRequests, "rate_limited", wait);
        }

        var text = MessageText.Normalize(post.Text);
        if (text.Length == 0)
        {
            return HookAnswer.Invalid(HookPayloadResult.NoText);
        }

        var body = await ChatService.EncodeMentionsAsync(db, hook.UserId, hook.ConversationId, text, ct);
        var card = post.Card ?? Label(null, null);
        var parts = Split(body);
        for (var i = 0; i < parts.Count; i++)
        {
            var last = i == parts.Count - 1;
            var stored = await writer.WriteAsync(
                new NewMessage(hook.UserId, hook.ConversationId, Guid.NewGuid(), parts[i], Limited: false, Card: last ? card : Label(card.As, card.Icon)), ct);
            if (!stored.Succeeded)
            {
                return HookAnswer.NoService; // deleted since it was looked up
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (hook.LastUsedUtc is not { } used || now - used > TimeSpan.FromMinutes(1))
        {
            await db.Webhooks.Where(h => h.UserId == hook.UserId)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastUsedUtc, now).SetProperty(h => h.LastUsedAddress, address), ct);
        }

        return HookAnswer.Ok;
    }

    /// <summary>
    /// The card of a post with nothing beside its text (or of the first pieces of a long one): every post of a webhook
    /// has one, so a bubble knows it for an app's by the message alone.
    /// </summary>
    private static MessageCard Label(string? postedAs, string? icon) => new(postedAs, icon, false, []);

    /// <summary>A text in pieces of at most a message's length, each ending at a line break where there is one to end at.</summary>
    internal static List<string> Split(string body)
    {
        var parts = new List<string>();
        while (body.Length > MessageRules.MaxLength)
        {
            var cut = body.LastIndexOf('\n', MessageRules.MaxLength - 1);
            cut = cut > MessageRules.MaxLength / 2 ? cut : MessageRules.MaxLength;
            if (char.IsHighSurrogate(body[cut - 1]))
            {
                cut--;
            }

            parts.Add(body[..cut].TrimEnd());
            body = body[cut..].TrimStart('\n');
        }

        parts.Add(body);
        return parts.Where(p => p.Length > 0).ToList();
    }
}
