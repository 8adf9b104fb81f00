using BlazorMessenger.Data;
using BlazorMessenger.Features.Admin;
using BlazorMessenger.Features.Chat.Writer;
using BlazorMessenger.Features.Profile;
using BlazorMessenger.Features.Safety;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Hooks;

/// <summary>
/// Making and keeping incoming webhooks. In a group its owners and admins manage them, in a direct chat either person;
/// an admin sees and deletes any. A webhook posts as its own users row, named and pictured like a bot (through the
/// same profile pipeline), and is bound to one conversation for life.
/// </summary>
public sealed partial class HookService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    MessageWriter writer,
    AdminService admins,
    ProfileService profiles,
    HookRateLimits limits,
    SendRefusals refusals,
    IMessengerHub hub,
    IOptions<HookOptions> options,
    TimeProvider time)
{
    public const string NotYours = "Only the group's owners and admins (or the people of a direct chat) can manage its webhooks.";
    public const string NameNeeded = "Give the webhook a name.";

    /// <summary>The conversation's webhooks, for those who manage them.</summary>
    public async Task<ServiceResult<IReadOnlyList<HookView>>> ListAsync(string actorId, long conversationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ManagesAsync(db, actorId, conversationId, ct)
            ? ServiceResult<IReadOnlyList<HookView>>.Ok(await Views(db, db.LiveHooksOf(conversationId)).ToListAsync(ct))
            : ServiceResult<IReadOnlyList<HookView>>.Fail(NotYours);
    }

    /// <summary>Every webhook, for the admin console.</summary>
    public async Task<IReadOnlyList<HookView>> ListAllAsync(string adminId, CancellationToken ct = default)
    {
        if (!await admins.IsAdminAsync(adminId, ct))
        {
            throw new UnauthorizedAccessException("Only admins can do this.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Views(db, db.Webhooks.Where(h => h.DeletedUtc == null)).ToListAsync(ct);
    }

    public async Task<ServiceResult<HookUrl>> CreateAsync(string actorId, long conversationId, string? name, CancellationToken ct = default)
    {
        var cleanName = NameText.Clean(name);
        if (cleanName.Length == 0)
        {
            return ServiceResult<HookUrl>.Fail(NameNeeded);
        }

        if (cleanName.Length > ApplicationUser.DisplayNameMaxLength)
        {
            return ServiceResult<HookUrl>.Fail(ProfileService.DisplayNameTooLong);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await ManagesAsync(db, actorId, conversationId, ct, adminAnywhere: false))
        {
            return ServiceResult<HookUrl>.Fail(NotYours);
        }

        var max = options.Value.MaxPerConversation;
        if (await db.LiveHooksOf(conversationId).CountAsync(ct) >= max)
        {
            return ServiceResult<HookUrl>.Fail($"A conversation can have at most {max} webhooks.");
        }

        // No normalized username: no lookup by name (contacts, groups, mentions, chat addresses) can find it.
        var user = new ApplicationUser
        {
            UserName = "hook-" + Guid.NewGuid().ToString("N"),
            DisplayName = cleanName,
            IsBot = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            LockoutEnabled = true,
            LockoutEnd = DateTimeOffset.MaxValue,
        };
        var (key, hash) = HookKeys.Make();
        db.Users.Add(user);
        db.Webhooks.Add(new Webhook
        {
            UserId = user.Id, ConversationId = conversationId, CreatorId = actorId, KeyHash = hash, CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await TellMembersAsync(db, conversationId, ct);
        return ServiceResult<HookUrl>.Ok(new HookUrl(await ViewAsync(db, user.Id, ct), PathOf(key)));
    }

    /// <summary>A new URL; the old one answers no_service from this call on.</summary>
    public async Task<ServiceResult<HookUrl>> RegenerateAsync(string actorId, string hookId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ManagedAsync(db, actorId, hookId, ct) is not { } hook)
        {
            return ServiceResult<HookUrl>.Fail(NotYours);
        }

        var (key, hash) = HookKeys.Make();
        hook.KeyHash = hash;
        await db.SaveChangesAsync(ct);
        return ServiceResult<HookUrl>.Ok(new HookUrl(await ViewAsync(db, hookId, ct), PathOf(key)));
    }

    /// <summary>A new name, and a new picture or none (through the same pipeline as people's pictures).</summary>
    public async Task<ServiceResult<HookView>> UpdateAsync(string actorId, string hookId, ProfileUpdate update, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await ManagedAsync(db, actorId, hookId, ct) is null)
        {
            return ServiceResult<HookView>.Fail(NotYours);
        }

        if (NameText.Clean(update.DisplayName).Length == 0)
        {
            return ServiceResult<HookView>.Fail(NameNeeded);
        }

        var updated = await profiles.UpdateAsync(hookId, update, ct);
        if (!updated.Succeeded)
        {
            return ServiceResult<HookView>.Fail(updated.Error!);
        }

        var view = await ViewAsync(db, hookId, ct);
        await TellMembersAsync(db, view.ConversationId, ct);
        return ServiceResult<HookView>.Ok(view);
    }

    /// <summary>The URL stops at once; what the webhook posted stays, under its name.</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string actorId, string hookId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hook = await db.Webhooks.SingleOrDefaultAsync(h => h.UserId == hookId && h.DeletedUtc == null, ct);
        var member = hook is not null && await ManagesAsync(db, actorId, hook.ConversationId, ct, adminAnywhere: false);
        if (hook is null || (!member && !await admins.IsAdminAsync(actorId, ct)))
        {
            return ServiceResult<bool>.Fail(NotYours);
        }

        hook.KeyHash = null;
        hook.DeletedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        if (!member)
        {
            await admins.AuditAsync(actorId, "deleted webhook", hookId, await db.Users.Where(u => u.Id == hookId).Select(u => u.DisplayName).SingleAsync(ct), ct);
        }

        return ServiceResult<bool>.Ok(true);
    }

    private static string PathOf(string key) => $"hooks/{key}";

    /// <summary>Open chats read the conversation again: a new or renamed webhook is named in their logs from then on.</summary>
    private async Task TellMembersAsync(ApplicationDbContext db, long conversationId, CancellationToken ct) =>
        hub.Publish(await db.CurrentMemberIdsAsync(conversationId, ct), new ConversationChanged(conversationId, null));

    /// <summary>The webhook's row when the actor manages its conversation or is an admin; null otherwise (or when there is none).</summary>
    private async Task<Webhook?> ManagedAsync(ApplicationDbContext db, string actorId, string hookId, CancellationToken ct)
    {
        var hook = await db.Webhooks.SingleOrDefaultAsync(h => h.UserId == hookId && h.DeletedUtc == null, ct);
        return hook is not null && await ManagesAsync(db, actorId, hook.ConversationId, ct) ? hook : null;
    }

    /// <summary>
    /// Whether the actor manages the conversation's webhooks: a group's current owners and admins, either person of a
    /// direct chat (not one they have still to accept), and (unless adminAnywhere is false) an admin.
    /// </summary>
    private async Task<bool> ManagesAsync(ApplicationDbContext db, string actorId, long conversationId, CancellationToken ct, bool adminAnywhere = true)
    {
        var row = await db.MembershipOf(actorId, conversationId).Current().AsNoTracking()
            .Select(m => new { m.Role, m.Conversation!.Kind, m.RequestedUtc, m.User!.IsBot })
            .FirstOrDefaultAsync(ct);
        var member = row is { IsBot: false } && (row.Kind == ConversationKind.Direct ? row.RequestedUtc is null : row.Role.Manages());
        return member || (adminAnywhere && await admins.IsAdminAsync(actorId, ct));
    }

    private static async Task<HookView> ViewAsync(ApplicationDbContext db, string hookId, CancellationToken ct) =>
        await Views(db, db.Webhooks.Where(h => h.UserId == hookId)).SingleAsync(ct);

    private static IQueryable<HookView> Views(ApplicationDbContext db, IQueryable<Webhook> hooks) =>
        hooks.AsNoTracking().OrderBy(h => h.CreatedUtc).Select(h => new HookView(
            h.UserId, h.ConversationId, h.User!.DisplayName ?? "Webhook", h.User.AvatarMediaId,
            db.Users.Where(u => u.Id == h.CreatorId).Select(u => u.UserName!).Single(), h.CreatedUtc, h.LastUsedUtc, h.LastUsedAddress,
            db.Conversations.Where(c => c.Id == h.ConversationId).Select(c => c.Title ?? "Direct chat").Single()));
}
