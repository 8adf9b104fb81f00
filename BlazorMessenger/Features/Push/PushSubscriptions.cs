using BlazorMessenger.Data;
using BlazorMessenger.Features.Accounts.Sessions;
using BlazorMessenger.Features.Shared;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BlazorMessenger.Features.Push;

/// <summary>What a browser's PushManager.subscribe gave it (PushSubscription.toJSON()).</summary>
public sealed record PushKeys(string Endpoint, string P256dh, string Auth);

/// <summary>A subscribed browser as Settings lists it.</summary>
public sealed record PushDevice(long Id, string Browser, DateTime CreatedUtc, DateTime? LastUsedUtc, bool ThisBrowser);

/// <summary>
/// The browsers a person subscribed for push. A subscription belongs to the signed-in session that made it and ends
/// with it (logging out, revoking, a password change); one endpoint is one browser, so subscribing it again (as
/// someone else, too) replaces its old row.
/// </summary>
public sealed class PushSubscriptions(
    IDbContextFactory<ApplicationDbContext> dbFactory, VapidKeys vapid, IOptions<PushOptions> options, TimeProvider time)
{
    public const string SessionEnded = "This session has ended; sign in again to get notifications here.";

    public async Task<ServiceResult<PushDevice>> SubscribeAsync(string userId, string sessionId, PushKeys keys, CancellationToken ct = default)
    {
        if (Problem(keys, options.Value) is { } problem)
        {
            return ServiceResult<PushDevice>.Fail(problem);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => new { s.UserAgent }).SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return ServiceResult<PushDevice>.Fail(SessionEnded);
        }

        var publicKey = (await vapid.GetAsync(ct)).PublicKey;
        // Every page load with notifications on subscribes again: the same subscription is left as it is.
        var same = await db.PushSubscriptions.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Endpoint == keys.Endpoint && p.UserId == userId && p.SessionId == sessionId, ct);
        if (same is not null && same.P256dh == keys.P256dh && same.Auth == keys.Auth && same.VapidKey == publicKey)
        {
            return ServiceResult<PushDevice>.Ok(Describe(same, keys.Endpoint));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PushSubscriptions.Where(p => p.Endpoint == keys.Endpoint).ExecuteDeleteAsync(ct);
        var kept = await db.PushSubscriptions.Where(p => p.UserId == userId)
            .OrderByDescending(p => p.LastUsedUtc ?? p.CreatedUtc).Select(p => p.Id).Take(options.Value.MaxPerUser - 1).ToListAsync(ct);
        await db.PushSubscriptions.Where(p => p.UserId == userId && !kept.Contains(p.Id)).ExecuteDeleteAsync(ct);
        var row = new PushSubscription
        {
            UserId = userId,
            SessionId = sessionId,
            Endpoint = keys.Endpoint,
            P256dh = keys.P256dh,
            Auth = keys.Auth,
            VapidKey = publicKey,
            UserAgent = session.UserAgent,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        db.PushSubscriptions.Add(row);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ServiceResult<PushDevice>.Ok(Describe(row, keys.Endpoint));
    }

    /// <summary>The person's subscribed browsers, the most recently used first; thisEndpoint marks the asking browser's.</summary>
    public async Task<IReadOnlyList<PushDevice>> ListAsync(string userId, string? thisEndpoint, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.PushSubscriptions.AsNoTracking().Where(p => p.UserId == userId).ToListAsync(ct);
        return [.. rows.OrderByDescending(p => p.LastUsedUtc ?? p.CreatedUtc).Select(p => Describe(p, thisEndpoint))];
    }

    /// <summary>"Remove" beside a device: only one's own.</summary>
    public async Task<bool> RemoveAsync(string userId, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushSubscriptions.Where(p => p.Id == id && p.UserId == userId).ExecuteDeleteAsync(ct) == 1;
    }

    /// <summary>Notifications turned off in this browser: its subscription goes.</summary>
    public async Task<bool> RemoveEndpointAsync(string userId, string endpoint, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PushSubscriptions.Where(p => p.Endpoint == endpoint && p.UserId == userId).ExecuteDeleteAsync(ct) == 1;
    }

    /// <summary>Why the browser's subscription cannot be used, or null.</summary>
    public static string? Problem(PushKeys keys, PushOptions push)
    {
        if (!Uri.TryCreate(keys.Endpoint, UriKind.Absolute, out var endpoint) || keys.Endpoint.Length > PushSubscription.EndpointMaxLength
            || !(endpoint.Scheme == Uri.UriSchemeHttps || (push.AllowInsecureEndpoints && endpoint.Scheme == Uri.UriSchemeHttp)))
        {
            return "This browser's push service address is not an https URL; notifications can't be sent to it.";
        }

        return DecodedLength(keys.P256dh) == 65 && DecodedLength(keys.Auth) == 16
            ? null
            : "This browser's push keys are not valid (a P-256 key and a 16-byte secret are expected).";
    }

    private static int DecodedLength(string value)
    {
        try
        {
            return value.Length > 200 ? -1 : WebEncoders.Base64UrlDecode(value).Length;
        }
        catch (FormatException)
        {
            return -1;
        }
    }

    private static PushDevice Describe(PushSubscription row, string? thisEndpoint) =>
        new(row.Id, BrowserName.Describe(row.UserAgent), row.CreatedUtc, row.LastUsedUtc, row.Endpoint == thisEndpoint);
}
