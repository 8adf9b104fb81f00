using BlazorMessenger.Data;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Settings;

/// <summary>One person's privacy and notification settings, as the settings page shows them.</summary>
public sealed record UserSettings(
    bool SendReadReceipts, LastSeenAudience LastSeen, bool MentionsWhenMuted, MessageAudience MessagesFrom = MessageAudience.Everyone);

/// <summary>
/// The settings stored with the account (the browser keeps its own: notifications on in this browser, the sound).
/// A change to read receipts is announced to the people who share a conversation, so their ticks follow at once.
/// </summary>
public sealed class SettingsService(IDbContextFactory<ApplicationDbContext> dbFactory, IMessengerHub hub, SendRefusals refusals)
{
    public async Task<UserSettings> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserSettings(!u.HidesReadReceipts, u.LastSeenAudience, !u.SilencesMutedMentions, u.MessagesFrom))
            .SingleAsync(ct);
    }

    public async Task<ServiceResult<UserSettings>> UpdateAsync(string userId, UserSettings settings, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(settings.LastSeen))
        {
            return ServiceResult<UserSettings>.Fail("Choose who can see your last seen time: everyone, your contacts or nobody.");
        }

        if (!Enum.IsDefined(settings.MessagesFrom))
        {
            return ServiceResult<UserSettings>.Fail("Choose who can message you: everyone or your contacts.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var receiptsChanged = user.HidesReadReceipts == settings.SendReadReceipts;
        (user.HidesReadReceipts, user.LastSeenAudience, user.SilencesMutedMentions, user.MessagesFrom) =
            (!settings.SendReadReceipts, settings.LastSeen, !settings.MentionsWhenMuted, settings.MessagesFrom);
        await db.SaveChangesAsync(ct);
        refusals.Changed();
        if (receiptsChanged)
        {
            hub.Publish([userId, .. await db.PeopleSharingWith(userId).ToListAsync(ct)], new ReceiptPrivacyChanged(userId));
        }

        return ServiceResult<UserSettings>.Ok(settings);
    }
}
