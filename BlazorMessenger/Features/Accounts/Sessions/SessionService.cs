using System.Security.Cryptography;
using BlazorMessenger.Data;
using BlazorMessenger.Realtime;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Accounts.Sessions;

/// <summary>
/// The server's list of signed-in browsers. Every request and every open circuit asks it whether its session still
/// stands: the row must exist and carry the account's current security stamp, so a password or two-factor change ends
/// every session but the one that made it (that one renews its stamp as it signs in again).
/// </summary>
public sealed partial class SessionService(
    IDbContextFactory<ApplicationDbContext> dbs, IMessengerHub hub, TimeProvider time, IOptions<AccountOptions> options)
{
    /// <summary>The claim (and authentication property) that names a session.</summary>
    public const string ClaimType = "bm:sid";

    /// <summary>How stale "last active" may get: a busy session writes at most this often.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    /// <summary>A session unused this long has ended (a browser closed for good never logs out).</summary>
    private TimeSpan IdleLimit => TimeSpan.FromDays(options.Value.SessionIdleDays);

    public async Task<string> StartAsync(string userId, string stamp, string? userAgent, string? address, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            Stamp = stamp,
            CreatedUtc = now,
            LastSeenUtc = now,
            UserAgent = userAgent is { Length: > UserSession.UserAgentMaxLength } ? userAgent[..UserSession.UserAgentMaxLength] : userAgent,
            Address = address,
        };
        await using var db = await dbs.CreateDbContextAsync(ct);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>A signed-in session signs in again (after changing its own password): it keeps its row with the new stamp.</summary>
    public async Task<bool> RenewAsync(string sessionId, string userId, string stamp, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Stamp, stamp).SetProperty(x => x.LastSeenUtc, now), ct) == 1;
    }

    /// <summary>Whether the session still stands; it also records that the session was active just now.</summary>
    public async Task<bool> IsActiveAsync(string? sessionId, string? userId, CancellationToken ct = default) =>
        sessionId is not null && userId is not null && (await StandingAsync([(sessionId, userId)], ct)).Count == 1;

    /// <summary>The account's standing sessions, the most recently active first.</summary>
    public async Task<IReadOnlyList<SessionInfo>> ListAsync(string userId, string? currentSessionId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var idleSince = time.GetUtcNow().UtcDateTime - IdleLimit;
        await db.Sessions.Where(s => s.UserId == userId && s.LastSeenUtc < idleSince).ExecuteDeleteAsync(ct);
        var rows = await db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && db.Users.Any(u => u.Id == userId && u.SecurityStamp == s.Stamp))
            .OrderByDescending(s => s.LastSeenUtc)
            .ToListAsync(ct);
        return [.. rows.Select(s => new SessionInfo(
            s.Id, BrowserName.Describe(s.UserAgent), s.Address, s.CreatedUtc, s.LastSeenUtc, s.Id == currentSessionId))];
    }

    /// <summary>Ends one of the account's sessions (logging out, or revoking another browser).</summary>
    public async Task<bool> EndAsync(string userId, string sessionId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await EndAsync(db, userId, db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId), ct) == 1;
    }

    /// <summary>"Log out everywhere": every session of the account ends, this one included.</summary>
    public async Task EndAllAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await EndAsync(db, userId, db.Sessions.Where(s => s.UserId == userId), ct);
    }

    /// <summary>
    /// After the security stamp changed: every session left on the old stamp has ended, so its open tabs are told now
    /// rather than at their next check; the rows go too.
    /// </summary>
    public async Task EndStaleAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var stale = db.Sessions.Where(s => s.UserId == userId && !db.Users.Any(u => u.Id == userId && u.SecurityStamp == s.Stamp));
        await EndAsync(db, userId, stale, ct);
    }

    private async Task<int> EndAsync(ApplicationDbContext db, string userId, IQueryable<UserSession> sessions, CancellationToken ct)
    {
        var ids = await sessions.Select(s => s.Id).ToListAsync(ct);
        if (ids.Count > 0)
        {
            await db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct);
            hub.Publish([userId], new SessionsEnded(ids));
        }

        return ids.Count;
    }
}

public sealed record SessionInfo(string Id, string Browser, string? Address, DateTime CreatedUtc, DateTime LastSeenUtc, bool IsCurrent);
