using BlazorMessenger.Data;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Chat.Pins;

/// <summary>
/// Pinned messages: up to MaxPins per conversation, shown in a bar above the log. In a direct conversation both people
/// pin; in a group its owners and admins, or every member when the group allows it (<see cref="Conversation.MembersCanPin"/>).
/// </summary>
public sealed class PinService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IMessengerHub hub,
    SendRefusals refusals,
    IOptions<MessageOptions> options,
    TimeProvider time)
{
    public const string AdminsOnly = "Only the group's admins can pin messages here.";

    public string TooMany => $"A conversation can have at most {options.Value.MaxPins} pinned messages. Unpin one first.";

    /// <summary>Pins or unpins the message; pinning a pinned one (or unpinning an unpinned one) changes nothing.</summary>
    public async Task<ServiceResult<bool>> SetAsync(string userId, long messageId, bool pin, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var message = await db.MessageForCurrentMemberAsync(userId, messageId, ct);
        if (message.PinnedUtc is not null == pin)
        {
            return ServiceResult<bool>.Ok(pin);
        }

        var refusal = await RefusalAsync(db, userId, message, pin, ct);
        if (refusal is not null)
        {
            return ServiceResult<bool>.Fail(refusal);
        }

        message.PinnedUtc = pin ? time.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
        hub.Publish(await db.CurrentMemberIdsAsync(message.ConversationId, ct), new PinsChanged(message.ConversationId, messageId, message.PinnedUtc));
        return ServiceResult<bool>.Ok(pin);
    }

    /// <summary>Whether the caller may pin in the conversation (the menu offers it only then; SetAsync decides again).</summary>
    public async Task<bool> CanPinAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await MayPinAsync(db, userId, conversationId, ct);
    }

    /// <summary>The conversation's pinned messages the caller may read, the newest pin first.</summary>
    public async Task<IReadOnlyList<ChatQuote>> ListAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = await (await db.ReadableInAsync(userId, conversationId, ct))
            .Where(m => m.PinnedUtc != null)
            .OrderByDescending(m => m.PinnedUtc)
            .Select(m => m.Id)
            .ToListAsync(ct);
        var quotes = await MessageExtras.QuotesAsync(db, conversationId, ids, ct);
        return [.. ids.Select(id => quotes[id])];
    }

    private async Task<string?> RefusalAsync(ApplicationDbContext db, string userId, Message message, bool pin, CancellationToken ct)
    {
        if (pin && (message.DeletedUtc is not null || message.Kind == MessageKind.System))
        {
            return message.DeletedUtc is not null ? MessageRules.AlreadyDeleted : "Group notices can't be pinned.";
        }

        if (!await MayPinAsync(db, userId, message.ConversationId, ct))
        {
            return AdminsOnly;
        }

        if (await db.IsPendingRequestAsync(userId, message.ConversationId, ct))
        {
            return Membership.AcceptFirst;
        }

        if (await refusals.ForAsync(userId, message.ConversationId, ct) is { } refused)
        {
            return refused;
        }

        var pinned = await db.Messages.CountAsync(m => m.ConversationId == message.ConversationId && m.PinnedUtc != null, ct);
        return pin && pinned >= options.Value.MaxPins ? TooMany : null;
    }

    private static Task<bool> MayPinAsync(ApplicationDbContext db, string userId, long conversationId, CancellationToken ct) =>
        db.MembershipOf(userId, conversationId).Current().AnyAsync(m => (m.Conversation!.Kind == ConversationKind.Direct || m.Conversation.MembersCanPin
                || m.Role == MemberRole.Owner || m.Role == MemberRole.Admin), ct);
}
