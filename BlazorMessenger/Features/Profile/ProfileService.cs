using BlazorMessenger.Data;
using BlazorMessenger.Features.Media;
using BlazorMessenger.Features.Presence;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;

namespace BlazorMessenger.Features.Profile;

/// <summary>Display names and profile pictures; pictures go through the same image pipeline as image messages.</summary>
public sealed class ProfileService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IMessengerHub hub,
    Pictures pictures,
    MediaStore mediaStore)
{
    public static readonly string DisplayNameTooLong =
        $"A display name can have at most {ApplicationUser.DisplayNameMaxLength} characters.";

    public async Task<ProfileView> GetOwnAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new ProfileView(u.Id, u.UserName!, u.DisplayName, u.AvatarMediaId, u.LastSeenUtc))
            .SingleAsync(ct);
    }

    /// <summary>Someone's profile card; only for people who share a current conversation with the caller (or the caller).</summary>
    public async Task<ProfileView?> GetCardAsync(string userId, string otherUserId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = otherUserId == userId || await db.PeopleSharingWith(userId).ContainsAsync(otherUserId, ct);
        if (!visible)
        {
            return null;
        }

        var card = await db.Users.AsNoTracking().Where(u => u.Id == otherUserId)
            .Select(u => new ProfileView(u.Id, u.UserName!, u.DisplayName, u.AvatarMediaId, u.LastSeenUtc))
            .SingleOrDefaultAsync(ct);
        var lastSeen = await db.ForViewerAsync(userId, [otherUserId], ct);
        return card is null ? null
            : (await db.HidingFromAsync(userId, [otherUserId], ct)).Count > 0
                ? card with { DisplayName = null, AvatarId = null, LastSeenUtc = null, Hidden = true }
                : card with { LastSeenUtc = lastSeen(card.UserId, card.LastSeenUtc) };
    }

    public async Task<ServiceResult<ProfileView>> UpdateAsync(string userId, ProfileUpdate update, CancellationToken ct = default)
    {
        var displayName = NameText.Clean(update.DisplayName) is { Length: > 0 } cleaned ? cleaned : null;
        if (displayName?.Length > ApplicationUser.DisplayNameMaxLength)
        {
            return ServiceResult<ProfileView>.Fail(DisplayNameTooLong);
        }

        Data.Media? picture = null;
        if (update.Picture is { } bytes)
        {
            var saved = await pictures.SaveAsync(userId, bytes, ct);
            if (saved.Value is not { } media)
            {
                return ServiceResult<ProfileView>.Fail(saved.Error!);
            }

            picture = media;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ApplicationUser user;
        Data.Media? old;
        try
        {
            user = await db.Users.SingleAsync(u => u.Id == userId, ct);
            old = user.AvatarMediaId is { } oldId && (picture is not null || update.RemovePicture)
                ? await db.Media.SingleOrDefaultAsync(m => m.Id == oldId, ct)
                : null;
            if (picture is not null)
            {
                db.Media.Add(picture);
                user.AvatarMediaId = picture.Id;
            }
            else if (update.RemovePicture)
            {
                user.AvatarMediaId = null;
            }

            user.DisplayName = displayName;
            if (old is not null)
            {
                db.Media.Remove(old);
            }

            await db.SaveChangesAsync(ct);
        }
        catch
        {
            if (picture is not null)
            {
                mediaStore.DeleteFiles(picture);
            }

            throw;
        }

        if (old is not null)
        {
            mediaStore.DeleteFiles(old);
        }

        await AnnounceAsync(db, user, ct);
        return ServiceResult<ProfileView>.Ok(
            new ProfileView(user.Id, user.UserName!, user.DisplayName, user.AvatarMediaId, user.LastSeenUtc));
    }


    private async Task AnnounceAsync(ApplicationDbContext db, ApplicationUser user, CancellationToken ct)
    {
        var audience = await db.AudienceOf(user.Id).ToListAsync(ct);
        hub.Publish([user.Id, .. audience], new ProfileChanged(user.Id, user.DisplayName, user.AvatarMediaId));
    }
}
