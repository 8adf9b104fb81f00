using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Chat;
using BlazorMessenger.Features.Shared;
using BlazorMessenger.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Admin;

/// <summary>
/// The admin console's work. Every method first checks, against the database, that the caller is an admin (in the
/// Admin role, or named in Messenger:Admins), and records what it changed in the audit log. Admins never read
/// conversations: only a reported message and a few around it.
/// </summary>
public sealed partial class AdminService(
    IDbContextFactory<ApplicationDbContext> dbFactory,
    IOptions<MessengerOptions> options,
    SessionService sessions,
    AccountDeletion deletion,
    MessageChangeService changes,
    LoginThrottle throttle,
    StorageLocation storage,
    TimeProvider time)
{
    public const string RoleId = "admin";
    public const string RoleName = "Admin";

    public async Task<bool> IsAdminAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await IsAdminAsync(db, userId, ct);
    }

    /// <summary>The first account of a fresh install becomes an admin (called as an account is created).</summary>
    public async Task PromoteIfFirstAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Users.CountAsync(ct) != 1 || !await db.Users.AnyAsync(u => u.Id == userId, ct))
        {
            return;
        }

        if (!await db.Roles.AnyAsync(r => r.Id == RoleId, ct))
        {
            db.Roles.Add(new IdentityRole { Id = RoleId, Name = RoleName, NormalizedName = RoleName.ToUpperInvariant() });
        }

        db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = RoleId });
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<AdminUser>> SearchUsersAsync(string adminId, string? query, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        var term = (query ?? "").Trim().ToUpperInvariant();
        var now = time.GetUtcNow();
        var configured = Configured;
        var rows = await db.Users.AsNoTracking()
            .Where(u => !db.Webhooks.Any(h => h.UserId == u.Id)) // listed under Integrations
            .Where(u => term.Length == 0 || u.NormalizedUserName!.Contains(term) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(term))
                        || (u.DisplayName != null && u.DisplayName.ToUpper().Contains(term)))
            .OrderBy(u => u.NormalizedUserName)
            .Take(50)
            .Select(u => new
            {
                u.Id, u.UserName, u.DisplayName, u.Email, u.DisabledUtc, u.DeletedUtc, u.LockoutEnd,
                Admin = db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == RoleId) || configured.Contains(u.NormalizedUserName!),
                Sessions = db.Sessions.Count(s => s.UserId == u.Id && s.Stamp == u.SecurityStamp),
            })
            .ToListAsync(ct);
        return [.. rows.Select(u => new AdminUser(u.Id, u.UserName!, u.DisplayName, u.Email,
            u.DeletedUtc is not null ? AccountState.Deleted : u.DisabledUtc is not null ? AccountState.Disabled
                : u.LockoutEnd > now ? AccountState.Locked : AccountState.Active,
            u.Admin, u.Sessions))];
    }

    public async Task<ServiceResult<bool>> SetDisabledAsync(string adminId, string userId, bool disabled, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        if (userId == adminId)
        {
            return ServiceResult<bool>.Fail("You can't disable your own account.");
        }

        var changed = await db.Users.Where(u => u.Id == userId && u.DeletedUtc == null && (u.DisabledUtc == null) == disabled)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DisabledUtc, disabled ? time.GetUtcNow().UtcDateTime : null), ct);
        if (changed == 0)
        {
            return ServiceResult<bool>.Fail(disabled ? "That account is already disabled." : "That account is not disabled.");
        }

        if (disabled)
        {
            await sessions.EndAllAsync(userId, ct);
        }

        await AuditAsync(db, adminId, disabled ? "disabled account" : "enabled account", userId, null, ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Lifts the account lock and every address's wait for the name.</summary>
    public async Task UnlockAsync(string adminId, string userId, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.NormalizedUserName).SingleAsync(ct);
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, (DateTimeOffset?)null).SetProperty(u => u.AccessFailedCount, 0), ct);
        throttle.Forget(name!);
        await AuditAsync(db, adminId, "unlocked account", userId, null, ct);
    }

    public async Task EndSessionsAsync(string adminId, string userId, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        await sessions.EndAllAsync(userId, ct);
        await AuditAsync(db, adminId, "ended sessions", userId, null, ct);
    }

    public async Task<ServiceResult<bool>> DeleteUserAsync(string adminId, string userId, CancellationToken ct = default)
    {
        await using var db = await AdminDbAsync(adminId, ct);
        if (userId == adminId)
        {
            return ServiceResult<bool>.Fail("Delete your own account from your account settings.");
        }

        if (!await db.Users.AnyAsync(u => u.Id == userId && u.DeletedUtc == null, ct))
        {
            return ServiceResult<bool>.Fail("That account is already deleted.");
        }

        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).SingleAsync(ct);
        await deletion.DeleteAsync(userId, ct);
        await AuditAsync(db, adminId, "deleted account", userId, name, ct);
        return ServiceResult<bool>.Ok(true);
    }

    /// <summary>Named in Messenger:Admins: only an account that exists may be given such a name (see Registration).</summary>
    public bool IsReserved(string? userName) => userName is not null && Configured.Contains(userName.Trim().ToUpperInvariant());

    private IReadOnlyList<string> Configured => [.. options.Value.Admins.Select(n => n.Trim().ToUpperInvariant())];

    private async Task<bool> IsAdminAsync(ApplicationDbContext db, string userId, CancellationToken ct)
    {
        var configured = Configured;
        return await db.Users.AnyAsync(u => u.Id == userId && u.DeletedUtc == null && u.DisabledUtc == null
            && (db.UserRoles.Any(r => r.UserId == userId && r.RoleId == RoleId) || configured.Contains(u.NormalizedUserName!)), ct);
    }

    /// <summary>A context for an admin's work; anyone else gets an exception (the console never offers them the action).</summary>
    private async Task<ApplicationDbContext> AdminDbAsync(string adminId, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await IsAdminAsync(db, adminId, ct))
        {
            await db.DisposeAsync();
            throw new UnauthorizedAccessException("Only admins can do this.");
        }

        return db;
    }

    /// <summary>Records an admin's change made through another service (a bot deleted, say) in the audit log.</summary>
    public async Task AuditAsync(string adminId, string action, string? subjectId, string? detail, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await AuditAsync(db, adminId, action, subjectId, detail, ct);
    }

    private async Task AuditAsync(ApplicationDbContext db, string adminId, string action, string? subjectId, string? detail, CancellationToken ct)
    {
        db.AdminActions.Add(new AdminAction
        {
            AdminId = adminId, Action = action, SubjectId = subjectId, Detail = detail, CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
    }
}
