using BlazorMessenger.Components.Account;
using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Admin;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Bots;

/// <summary>
/// Making and keeping bots: their owner (or an admin) names them, changes their picture and token, turns privacy mode
/// on or off, and deletes them. A bot is a users row with no password (it never signs in), so deleting it is deleting
/// an account: its messages stay under "Deleted account" and it leaves every conversation.
/// </summary>
public sealed class BotService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    AdminService admins,
    AccountDeletion deletion,
    ProfileService profiles,
    IMessengerHub hub,
    IOptions<BotOptions> options,
    TimeProvider time)
{
    public const string NotYours = "Only the bot's owner or an admin can change it.";
    public const string NameNeeded = "Give the bot a name.";
    public static readonly string UserNameRule = $"{UsernameRules.Describe} A bot's username ends in \"bot\".";

    public async Task<IReadOnlyList<BotView>> ListMineAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Views(db.Bots.Where(b => b.OwnerId == ownerId && b.User!.DeletedUtc == null), db).ToListAsync(ct);
    }

    /// <summary>Every bot, for the admin console.</summary>
    public async Task<IReadOnlyList<BotView>> ListAllAsync(string adminId, CancellationToken ct = default)
    {
        if (!await admins.IsAdminAsync(adminId, ct))
        {
            throw new UnauthorizedAccessException("Only admins can do this.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Views(db.Bots.Where(b => b.User!.DeletedUtc == null), db).ToListAsync(ct);
    }

    public async Task<ServiceResult<BotToken>> CreateAsync(string ownerId, string? name, string? userName, CancellationToken ct = default)
    {
        var cleanName = NameText.Clean(name);
        var handle = UsernameRules.Normalize(userName);
        if (cleanName.Length == 0)
        {
            return ServiceResult<BotToken>.Fail(NameNeeded);
        }

        if (cleanName.Length > ApplicationUser.DisplayNameMaxLength)
        {
            return ServiceResult<BotToken>.Fail(ProfileService.DisplayNameTooLong);
        }

        if (!UsernameRules.IsValid(handle) || !handle.EndsWith("bot", StringComparison.Ordinal))
        {
            return ServiceResult<BotToken>.Fail(UserNameRule);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == ownerId).Select(u => new { u.IsBot, u.DisabledUtc, u.DeletedUtc }).SingleAsync(ct);
        if (owner.IsBot || owner.DisabledUtc is not null || owner.DeletedUtc is not null)
        {
            return ServiceResult<BotToken>.Fail("This account cannot make bots.");
        }

        if (await db.Bots.CountAsync(b => b.OwnerId == ownerId && b.User!.DeletedUtc == null, ct) >= options.Value.MaxPerOwner)
        {
            return ServiceResult<BotToken>.Fail($"You can have at most {options.Value.MaxPerOwner} bots.");
        }

        var normalized = handle.ToUpperInvariant();
        if (admins.IsReserved(handle) || await db.Users.AnyAsync(u => u.NormalizedUserName == normalized, ct))
        {
            return ServiceResult<BotToken>.Fail($"The username '{handle}' is taken.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = new ApplicationUser
        {
            UserName = handle,
            NormalizedUserName = normalized,
            DisplayName = cleanName,
            IsBot = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
        };
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return ServiceResult<BotToken>.Fail($"The username '{handle}' is taken.");
        }

        var (token, hash) = BotTokens.Make(await db.OfAsync(user.Id, ct));
        db.Bots.Add(new Bot { UserId = user.Id, OwnerId = ownerId, TokenHash = hash, CreatedUtc = now });
        await db.SaveChangesAsync(ct);
        return ServiceResult<BotToken>.Ok(new BotToken(await ViewAsync(db, user.Id, ct), token));
    }

    /// <summary>A new token; the old one stops working with this call.</summary>
    public async Task<ServiceResult<BotToken>> RegenerateTokenAsync(string actorId, string botId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ManagedAsync(db, actorId, botId, ct) is not { } bot)
        {
            return ServiceResult<BotToken>.Fail(NotYours);
        }

        var (token, hash) = BotTokens.Make(await db.OfAsync(botId, ct));
        bot.TokenHash = hash;
        await db.SaveChangesAsync(ct);
        return ServiceResult<BotToken>.Ok(new BotToken(await ViewAsync(db, botId, ct), token));
    }

    /// <summary>A new name, and a new picture or none (through the same pipeline as people's pictures).</summary>
    public async Task<ServiceResult<BotView>> UpdateAsync(string actorId, string botId, ProfileUpdate update, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ManagedAsync(db, actorId, botId, ct) is null)
        {
            return ServiceResult<BotView>.Fail(NotYours);
        }

        if (NameText.Clean(update.DisplayName).Length == 0)
        {
            return ServiceResult<BotView>.Fail(NameNeeded);
        }

        var updated = await profiles.UpdateAsync(botId, update, ct);
        return updated.Succeeded ? ServiceResult<BotView>.Ok(await ViewAsync(db, botId, ct)) : ServiceResult<BotView>.Fail(updated.Error!);
    }

    public async Task<ServiceResult<BotView>> SetPrivacyModeAsync(string actorId, string botId, bool on, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ManagedAsync(db, actorId, botId, ct) is not { } bot)
        {
            return ServiceResult<BotView>.Fail(NotYours);
        }

        bot.PrivacyMode = on;
        await db.SaveChangesAsync(ct);
        return ServiceResult<BotView>.Ok(await ViewAsync(db, botId, ct));
    }

    /// <summary>Deletes the bot as an account is deleted: its token and updates go, its messages stay.</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string actorId, string botId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ManagedAsync(db, actorId, botId, ct) is not { } bot)
        {
            return ServiceResult<bool>.Fail(NotYours);
        }

        var name = await db.Users.Where(u => u.Id == botId).Select(u => u.UserName).SingleAsync(ct);
        await deletion.DeleteAsync(botId, ct);
        if (bot.OwnerId != actorId)
        {
            await admins.AuditAsync(actorId, "deleted bot", botId, name, ct);
        }

        hub.Publish([actorId], new ContactsChanged());
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>The bot's row when the actor owns it or is an admin; null otherwise (or when there is no such bot).</summary>
    private async Task<Bot?> ManagedAsync(ApplicationDbContext db, string actorId, string botId, CancellationToken ct)
    {
        var bot = await db.Bots.SingleOrDefaultAsync(b => b.UserId == botId && b.User!.DeletedUtc == null, ct);
        return bot is not null && (bot.OwnerId == actorId || await admins.IsAdminAsync(actorId, ct)) ? bot : null;
    }

    private static async Task<BotView> ViewAsync(ApplicationDbContext db, string botId, CancellationToken ct) =>
        await Views(db.Bots.Where(b => b.UserId == botId), db).SingleAsync(ct);

    private static IQueryable<BotView> Views(IQueryable<Bot> bots, ApplicationDbContext db) =>
        bots.AsNoTracking().OrderBy(b => b.User!.UserName).Select(b => new BotView(
            b.UserId, b.User!.UserName!, b.User.DisplayName ?? b.User.UserName!, b.User.AvatarMediaId, b.PrivacyMode, b.CreatedUtc,
            db.Users.Where(o => o.Id == b.OwnerId).Select(o => o.UserName!).Single(), b.WebhookUrl != null));
}
