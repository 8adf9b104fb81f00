using BlazorMessenger.Data;
using BlazorMessenger.Features.Bots;
using BlazorMessenger.Features.Chat.Compose;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Chat.Reactions;

/// <summary>
/// Emoji on messages: one per person per emoji, at most MaxReactionEmoji different ones per message, live for every
/// current member. Reacting counts as speaking in the conversation: whoever may not send there may not react either.
/// </summary>
public sealed class ReactionService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IMessengerHub hub,
    UserRateLimiter rateLimiter,
    SendRefusals refusals,
    IOptions<MessageOptions> options,
    TimeProvider time)
{
    public const string NotAnEmoji = "A reaction is one emoji.";
    public const string SlowDown = "You're reacting too quickly. Try again in a moment.";

    public string TooMany => $"A message can have at most {options.Value.MaxReactionEmoji} different reactions.";

    /// <summary>
    /// Gives (add true) or takes back (add false) the caller's emoji on the message; giving twice or taking back what was
    /// not given changes nothing. Answers the message's reactions afterwards.
    /// </summary>
    public async Task<ServiceResult<IReadOnlyList<ReactionGroup>>> SetAsync(
        string userId, long messageId, string emoji, bool add, CancellationToken ct = default)
    {
        emoji = (emoji ?? "").Trim();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.MessageForCurrentMemberAsync(userId, messageId, ct);
        var refusal = !Emoji.IsSingle(emoji) ? NotAnEmoji
            : message.DeletedUtc is not null ? MessageRules.AlreadyDeleted
            : message.Kind == MessageKind.System ? "Group notices can't have reactions."
            // A reaction would tell the stranger their request was read, which its hidden ticks don't.
            : await db.IsPendingRequestAsync(userId, message.ConversationId, ct) ? Membership.AcceptFirst
            : await refusals.ForAsync(userId, message.ConversationId, ct);
        if (refusal is not null)
        {
            return Fail(refusal);
        }

        var mine = await db.Reactions.SingleOrDefaultAsync(r => r.MessageId == messageId && r.UserId == userId && r.Emoji == emoji, ct);
        if ((mine is not null) == add)
        {
            return Ok(await CurrentAsync(db, messageId, ct));
        }

        if (!rateLimiter.TryAcquire(RateLimitedAction.React, userId))
        {
            return Fail(SlowDown);
        }

        if (add)
        {
            var kinds = await db.Reactions.Where(r => r.MessageId == messageId).Select(r => r.Emoji).Distinct().ToListAsync(ct);
            if (!kinds.Contains(emoji) && kinds.Count >= options.Value.MaxReactionEmoji)
            {
                return Fail(TooMany);
            }

            db.Reactions.Add(new Reaction { MessageId = messageId, UserId = userId, Emoji = emoji, CreatedUtc = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            db.Reactions.Remove(mine!);
        }

        var before = await db.Reactions.Where(r => r.MessageId == messageId && r.UserId == userId).Select(r => r.Emoji).ToListAsync(ct);
        await BotFeed.AddReactionAsync(db, message, userId, before, add ? [.. before, emoji] : [.. before.Where(e => e != emoji)],
            time.GetUtcNow().UtcDateTime, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (add)
        {
            // The same reaction from another tab of theirs got there first: the outcome is the same.
        }

        var reactions = await CurrentAsync(db, messageId, ct);
        hub.Publish(await db.CurrentMemberIdsAsync(message.ConversationId, ct), new ReactionsChanged(message.ConversationId, messageId, reactions));
        return Ok(reactions);
    }

    private static async Task<IReadOnlyList<ReactionGroup>> CurrentAsync(ApplicationDbContext db, long messageId, CancellationToken ct) =>
        (await MessageExtras.ReactionsAsync(db, [messageId], ct)).GetValueOrDefault(messageId) ?? [];

    private static ServiceResult<IReadOnlyList<ReactionGroup>> Ok(IReadOnlyList<ReactionGroup> value) =>
        ServiceResult<IReadOnlyList<ReactionGroup>>.Ok(value);

    private static ServiceResult<IReadOnlyList<ReactionGroup>> Fail(string error) => ServiceResult<IReadOnlyList<ReactionGroup>>.Fail(error);
}
