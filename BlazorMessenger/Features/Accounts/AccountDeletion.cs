using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Groups;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Accounts;

/// <summary>
/// Deleting an account. What the person said stays in the history of the people they said it to, as WhatsApp and
/// Telegram keep it: their messages and the images in them remain, under "Deleted account". Everything that is theirs
/// alone goes: name, email, password, picture, contacts, blocks, sessions, logins and keys. They leave every group
/// (an owner hands the group over as when leaving). The row itself stays, emptied, so those messages keep a sender;
/// it keeps the username too, which is never given to anyone else (nobody can pose as the person who left, nor inherit
/// an admin role configured by that name).
/// </summary>
public sealed class AccountDeletion(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    GroupService groups,
    SessionService sessions,
    MediaStore media,
    IMessengerHub hub,
    SendRefusals refusals,
    TimeProvider time)
{
    public const string DeletedName = "Deleted account";

    public async Task DeleteAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // A person's bots go with them: nobody would be left who may change or stop them.
        foreach (var botId in await db.Bots.Where(b => b.OwnerId == userId && b.UserId != userId).Select(b => b.UserId).ToListAsync(ct))
        {
            await DeleteAsync(botId, ct);
        }

        var groupIds = await db.MembershipsOf(userId).Current()
            .Where(m => m.Conversation!.Kind == ConversationKind.Group)
            .Select(m => m.ConversationId).ToListAsync(ct);
        foreach (var groupId in groupIds)
        {
            await groups.LeaveAsync(userId, groupId, ct);
        }

        var audience = await db.AudienceOf(userId).Where(id => id != userId).ToListAsync(ct);
        var avatarId = await db.Users.Where(u => u.Id == userId).Select(u => u.AvatarMediaId).SingleAsync(ct);
        var avatar = avatarId is null ? null : await db.Media.AsNoTracking().SingleOrDefaultAsync(m => m.Id == avatarId, ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Contacts.Where(c => c.OwnerId == userId || c.ContactUserId == userId).ExecuteDeleteAsync(ct);
            await db.Blocks.Where(b => b.BlockerId == userId || b.BlockedId == userId).ExecuteDeleteAsync(ct);
            await db.UserLogins.Where(l => l.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserClaims.Where(c => c.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserRoles.Where(r => r.UserId == userId).ExecuteDeleteAsync(ct);
            await db.UserPasskeys.Where(p => p.UserId == userId).ExecuteDeleteAsync(ct);
            await db.BotUpdates.Where(u => u.BotId == userId).ExecuteDeleteAsync(ct);
            await db.Bots.Where(b => b.UserId == userId).ExecuteDeleteAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s
                .SetProperty(u => u.DisplayName, DeletedName)
                .SetProperty(u => u.Email, (string?)null)
                .SetProperty(u => u.NormalizedEmail, (string?)null)
                .SetProperty(u => u.EmailConfirmed, false)
                .SetProperty(u => u.PasswordHash, (string?)null)
                .SetProperty(u => u.PhoneNumber, (string?)null)
                .SetProperty(u => u.TwoFactorEnabled, false)
                .SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))
                .SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString())
                .SetProperty(u => u.LockoutEnabled, true)
                .SetProperty(u => u.LockoutEnd, DateTimeOffset.MaxValue)
                .SetProperty(u => u.AvatarMediaId, (string?)null)
                .SetProperty(u => u.LastSeenUtc, (DateTime?)null)
                .SetProperty(u => u.DeletedUtc, now), ct);
            if (avatar is not null)
            {
                await db.Media.Where(m => m.Id == avatar.Id).ExecuteDeleteAsync(ct);
            }

            await transaction.CommitAsync(ct);
        }

        refusals.Changed();

        if (avatar is not null)
        {
            media.DeleteFiles(avatar);
        }

        await sessions.EndAllAsync(userId, ct);
        hub.Publish(audience, new ProfileChanged(userId, DeletedName, null));
        hub.Publish(audience, new PresenceChanged(userId, false, null));
    }
}
