using BlazorMessenger.Data;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Safety;

/// <summary>
/// Message requests (accept or delete a stranger's conversation) and blocking. Each method acts for the caller only and
/// checks their part against the database.
/// </summary>
public sealed class SafetyService(
    IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, PresenceTracker presence, SendRefusals refusals, TimeProvider time)
{
    /// <summary>
    /// The caller takes a stranger's conversation into their chats (without adding them as a contact): a direct one, or a
    /// group someone they don't know added them to. Those they were hidden from see their presence and picture again.
    /// </summary>
    public async Task<bool> AcceptAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var others = await OthersInRequestAsync(db, userId, conversationId, ct);
        var updated = await db.MembershipOf(userId, conversationId).Where(m => m.RequestedUtc != null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.RequestedUtc, (DateTime?)null).SetProperty(m => m.DismissedSeq, (long?)null), ct);
        if (updated == 0)
        {
            return false;
        }

        hub.Publish([userId], new ConversationChanged(conversationId, null));
        foreach (var other in others)
        {
            hub.Publish([other], new ReceiptPrivacyChanged(userId)); // their open chat reads the (now shown) ticks again
            await ShowAsync(db, userId, other, ct);
        }

        return true;
    }

    /// <summary>Deletes a request from the caller's list; a newer message from the same person brings it back.</summary>
    public async Task<bool> DismissAsync(string userId, long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await RequestPeerAsync(db, userId, conversationId, ct) is null)
        {
            return false;
        }

        await DismissAsync(db, userId, conversationId, ct);
        return true;
    }

    public async Task<ServiceResult<bool>> BlockAsync(string userId, string otherUserId, CancellationToken ct = default)
    {
        if (otherUserId == userId)
        {
            return ServiceResult<bool>.Fail("You can't block yourself.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == otherUserId, ct))
        {
            return ServiceResult<bool>.Fail("There is no such person.");
        }

        if (!await db.Blocks.AnyAsync(b => b.BlockerId == userId && b.BlockedId == otherUserId, ct))
        {
            db.Blocks.Add(new Block { BlockerId = userId, BlockedId = otherUserId, CreatedUtc = time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(ct);
            refusals.Changed();
        }

        // Their request goes away; their open screens lose the blocker's presence, picture and name now.
        var key = Conversation.DirectKeyFor(userId, otherUserId);
        var direct = await db.MembershipsOf(userId).Where(m => m.Conversation!.DirectKey == key && m.RequestedUtc != null)
            .Select(m => (long?)m.ConversationId).FirstOrDefaultAsync(ct);
        if (direct is { } conversationId)
        {
            await DismissAsync(db, userId, conversationId, ct);
        }

        hub.Publish([otherUserId], new PresenceChanged(userId, false, null));
        hub.Publish([otherUserId], new ProfileChanged(userId, null, null, Hidden: true));
        hub.Publish([userId], new ContactsChanged());
        return ServiceResult<bool>.Ok(true);
    }

    public async Task<bool> UnblockAsync(string userId, string otherUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.Blocks.Where(b => b.BlockerId == userId && b.BlockedId == otherUserId).ExecuteDeleteAsync(ct) > 0;
        if (removed)
        {
            refusals.Changed();
            await ShowAsync(db, userId, otherUserId, ct);
            hub.Publish([userId], new ContactsChanged());
        }

        return removed;
    }

    public async Task<bool> IsBlockingAsync(string userId, string otherUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Blocks.AnyAsync(b => b.BlockerId == userId && b.BlockedId == otherUserId, ct);
    }

    /// <summary>The people the caller blocked, by username.</summary>
    public async Task<IReadOnlyList<BlockedPerson>> BlockedAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Blocks.AsNoTracking().Where(b => b.BlockerId == userId)
            .Join(db.Users, b => b.BlockedId, u => u.Id, (b, u) => new { u.Id, u.UserName, b.CreatedUtc })
            .ToListAsync(ct);
        return [.. rows.Select(r => new BlockedPerson(r.Id, r.UserName!, r.CreatedUtc)).OrderBy(p => p.UserName, StringComparer.Ordinal)];
    }

    /// <summary>The other member of a direct conversation that is a request for the caller, or null.</summary>
    private static async Task<string?> RequestPeerAsync(ApplicationDbContext db, string userId, long conversationId, CancellationToken ct) =>
        (await OthersInRequestAsync(db, userId, conversationId, ct)).FirstOrDefault();

    /// <summary>The other current members of a conversation that is a request for the caller (none when it is not one).</summary>
    private static async Task<List<string>> OthersInRequestAsync(ApplicationDbContext db, string userId, long conversationId, CancellationToken ct) =>
        await db.IsPendingRequestAsync(userId, conversationId, ct)
            ? await db.CurrentMembers(conversationId).Where(m => m.UserId != userId).Select(m => m.UserId).ToListAsync(ct)
            : [];

    private async Task DismissAsync(ApplicationDbContext db, string userId, long conversationId, CancellationToken ct)
    {
        var lastSeq = await db.Conversations.Where(c => c.Id == conversationId).Select(c => c.LastSeq).SingleAsync(ct);
        await db.MembershipOf(userId, conversationId).ExecuteUpdateAsync(s => s.SetProperty(m => m.DismissedSeq, lastSeq), ct);
        hub.Publish([userId], new ConversationChanged(conversationId, null));
    }

    /// <summary>The caller stopped hiding from the other person: their screens get the real presence and profile back.</summary>
    private async Task ShowAsync(ApplicationDbContext db, string userId, string otherUserId, CancellationToken ct)
    {
        if ((await db.HidingFromAsync(otherUserId, [userId], ct)).Count > 0)
        {
            return;
        }

        var me = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.AvatarMediaId, u.LastSeenUtc }).SingleAsync(ct);
        var lastSeen = await db.ForViewerAsync(otherUserId, [userId], ct);
        hub.Publish([otherUserId], new ProfileChanged(userId, me.DisplayName, me.AvatarMediaId));
        hub.Publish([otherUserId], new PresenceChanged(userId, presence.IsOnline(userId), lastSeen(userId, me.LastSeenUtc)));
    }
}

public sealed record BlockedPerson(string UserId, string UserName, DateTime BlockedUtc);
